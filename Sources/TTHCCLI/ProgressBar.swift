import Foundation

/// A one-line progress bar on standard error, only on a terminal and never in CI, where it
/// would fill the log. Updated from several threads, hence the lock.
final class ProgressBar: @unchecked Sendable {
    private let label: String
    private var shown = -1
    private let lock = NSLock()

    init?(label: String) {
        guard isatty(STDERR_FILENO) == 1, ProcessInfo.processInfo.environment["CI"] == nil else { return nil }
        self.label = label
    }

    func update(_ done: Int, of total: Int) {
        guard total > 200 else { return }
        lock.lock()
        defer { lock.unlock() }
        let percent = done * 100 / total
        guard percent != shown else { return }
        shown = percent
        let width = 30
        let filled = width * done / total
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        FileHandle.standardError.write(Data("\r\(label) \(bar) \(percent)% (\(done)/\(total))".utf8))
    }

    func finish() {
        if shown >= 0 { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
