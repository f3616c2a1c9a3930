import Foundation

/// Work spread over the machine's cores, with results in input order so that output never
/// depends on scheduling.
public enum Parallel {
    public static func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 1 else { return (0..<count).map(body) }
        let results = Results<T>(count: count)
        let workers = min(count, ProcessInfo.processInfo.activeProcessorCount * 4)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var index = worker
            while index < count {
                results.store(body(index), at: index)
                index += workers
            }
        }
        return results.collect()
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

        func store(_ value: T, at index: Int) { storage[index] = value }

        func collect() -> [T] { (0..<count).map { storage[$0]! } }

        deinit {
            storage.deinitialize(count: count)
            storage.deallocate()
        }
    }
}
