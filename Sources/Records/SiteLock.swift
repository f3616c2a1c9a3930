import FileSystem
import Foundation

/// One writer at a time in a site. `tthc sync`, `build`, `new` and `init` lock the site's folder
/// while they run (flock on the folder itself), and note who they are in `.tthc.lock` beside
/// `site.yml`; a second one waits a bounded time, then stops, saying who holds the lock. The note
/// exists only while a run holds the lock (and after a run killed outright, until the next one),
/// and `tthc init` lists it in the site's `.gitignore`.
public final class SiteLock: @unchecked Sendable {
    public static let fileName = OwnPlaces.siteLock

    private let lock: FolderLock

    private init(_ lock: FolderLock) { self.lock = lock }

    /// The run that holds the lock, as it wrote itself into the file.
    public struct Holder: Sendable, Equatable {
        public var pid: Int32
        public var command: String
        /// ISO 8601 with +07:00.
        public var since: String

        var line: String { "\(pid)\t\(command)\t\(since)\n" }

        init(pid: Int32, command: String, since: String) {
            self.pid = pid
            self.command = command
            self.since = since
        }

        init?(line: String) {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 3, let pid = Int32(fields[0]) else { return nil }
            self.init(pid: pid, command: String(fields[1]),
                      since: String(fields[2]).trimmingCharacters(in: .whitespacesAndNewlines))
        }

        var words: Localized {
            let time = since.replacingOccurrences(of: "T", with: " ")
            return Localized(vi: "`tthc \(command)` (pid \(pid), chạy từ \(time))", en: "`tthc \(command)` (pid \(pid), running since \(time))")
        }
    }

    /// Another run kept the lock for longer than this one would wait.
    public struct Busy: ExplainedError, Equatable {
        /// The note of the holder (`.tthc.lock`).
        public var lockFile: String
        public var holder: Holder?
        public var waited: Double

        public var explanation: Localized {
            let who = holder?.words ?? Localized(vi: "một lệnh tthc khác", en: "another tthc command")
            let seconds = Int(waited.rounded())
            return Localized(
                vi: "\(who.vi) đang ghi vào trang này; đã chờ \(seconds) giây. Chờ lệnh đó xong rồi chạy lại, hoặc thêm --wait N để chờ N giây. (Khóa: \(lockFile); khóa tự mất khi lệnh kia kết thúc, kể cả khi bị dừng đột ngột.)",
                en: "\(who.en) is writing to this site; waited \(seconds) s. Run again once it is done, or add --wait N to wait N seconds. (Lock: \(lockFile); it goes away when that command ends, even if it is killed.)")
        }
    }

    /// Takes the site's lock for `command`, waiting up to `seconds`; `waiting` is told once,
    /// with a sentence to show, when another run holds it.
    public static func acquire(site: URL, command: String, waitingUpTo seconds: Double,
                               waiting: (Localized) -> Void = { _ in }) throws -> SiteLock {
        let path = site.path + "/" + fileName
        let me = Holder(pid: getpid(), command: command,
                        since: CalendarDate.vietnamDateTime(epochSeconds: Int64(Date().timeIntervalSince1970)))
        let outcome = try FolderLock.acquire(site.path, info: path, holder: me.line, waitingUpTo: seconds) { line in
            let who = Holder(line: line)?.words ?? Localized(vi: "một lệnh tthc khác", en: "another tthc command")
            waiting(Localized(vi: "Đang chờ \(who.vi) ghi xong vào trang này (tối đa \(Int(seconds.rounded())) giây)…",
                              en: "Waiting for \(who.en) to finish writing to this site (at most \(Int(seconds.rounded())) s)…"))
        }
        switch outcome {
        case .acquired(let lock): return SiteLock(lock)
        case .busy(let line): throw Busy(lockFile: path, holder: Holder(line: line), waited: seconds)
        }
    }

    public func release() { lock.release() }
}
