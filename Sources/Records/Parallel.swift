import Foundation

/// Work spread over the machine's cores, with results in input order so that output never
/// depends on scheduling.
public enum Parallel {
    /// `step`: how many indices a worker takes at a time (a few, for small pieces of work; one, for
    /// pieces as large as a province's unit, where a last few taken together left a core idle).
    public static func map<T: Sendable>(_ count: Int, step: Int = 4, _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 1 else { return (0..<count).map(body) }
        let results = Results<T>(count: count)
        let next = NextIndex(count: count, step: step)
        let workers = min(count, ProcessInfo.processInfo.activeProcessorCount)
        // Each worker takes the next few indices as it is free: records differ in size a hundredfold,
        // and a fixed share per worker left one core working alone at the end.
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let range = next.take() {
                for index in range { results.store(body(index), at: index) }
            }
        }
        return results.collect()
    }

    /// Hands out indices a few at a time, under a lock (taken once per few records, not per record).
    private final class NextIndex: @unchecked Sendable {
        private let count: Int
        private var next = 0
        private let step: Int
        private let lock = NSLock()

        init(count: Int, step: Int) {
            self.count = count
            self.step = max(1, step)
        }

        func take() -> Range<Int>? {
            lock.lock()
            defer { lock.unlock() }
            guard next < count else { return nil }
            let range = next..<min(next + step, count)
            next = range.upperBound
            return range
        }
    }

    /// Each index is written by exactly one worker, before `collect` reads them all.
    private final class Results<T>: @unchecked Sendable {
        private let storage: UnsafeMutablePointer<T?>
        private let count: Int

        init(count: Int) {
            self.count = count
            storage = .allocate(capacity: count)
            storage.initialize(repeating: nil, count: count)
        }

        private var collected = false

        func store(_ value: consuming T, at index: Int) { storage[index] = value }

        /// Moved out, not copied: a result may be a large value (a record, whose copy retains each
        /// of its texts, and whose original was then released: twice the work, for nothing).
        func collect() -> [T] {
            collected = true
            return (0..<count).map { (storage + $0).move()! }
        }

        deinit {
            if !collected { storage.deinitialize(count: count) }
            storage.deallocate()
        }
    }
}
