import Foundation

/// One `emit` (the function that takes a batch of output files) shared by threads that each make
/// a province's unit: their batches are handed on one at a time, the time spent handing them on
/// (waiting for the file system) is counted, and the first failure stops every thread at its next
/// batch.
final class SharedEmit: @unchecked Sendable {
    typealias Emit = ([(path: String, data: Data)]) throws -> Void

    private let emit: Emit
    private let lock = NSLock()
    /// Set and read under `lock`.
    private var waiting = 0.0
    private var failure: Error?

    init(_ emit: @escaping Emit) { self.emit = emit }

    /// Seconds spent in `emit` (the file system's pace, while the other threads went on).
    var waited: Double { lock.withLock { waiting } }

    var failed: Bool { lock.withLock { failure != nil } }

    func callAsFunction(_ files: [(path: String, data: Data)]) throws {
        try lock.withLock {
            if let failure { throw failure }
            do {
                try SiteBuild.measure(&waiting) { try emit(files) }
            } catch {
                failure = error
                throw error
            }
        }
    }

    /// A thread's own failure (a page it could not make), which stops the others too.
    func fail(_ error: Error) {
        lock.withLock { if failure == nil { failure = error } }
    }

    /// The first failure of any thread.
    func check() throws {
        if let failure = lock.withLock({ failure }) { throw failure }
    }
}
