#if canImport(Glibc)
import Glibc
#endif

/// Waits for files to change under some folders without looking at them in a loop: inotify tells
/// the kernel's own news, so a site of 3,000 records costs nothing while nobody saves (polling
/// their modification times ten times a second took 65 % of a core). One watch per folder; a
/// folder made later is watched as soon as its creation is read.
public final class FolderWatch: @unchecked Sendable {
    private let descriptor: Int32
    /// The folder each watch descriptor stands for, and whether its subfolders are watched too.
    private var folders: [Int32: (path: String, recursive: Bool)] = [:]
    private let skip: @Sendable (String) -> Bool
    /// In a folder watched alone (the site's own), only these names count (`site.yml`, `content`).
    private let names: [String: Set<String>]

    /// The kernel's events that mean "something here may now read differently".
    private static let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE
                                     | IN_DELETE_SELF | IN_MOVE_SELF | IN_ATTRIB)

    /// Watches each of `trees` with every folder inside it (but those `skip` names, by full path),
    /// and each of `folders` alone, counting there only the names given. Nil where inotify cannot
    /// (another system, or the user's limit of watches reached): the caller then polls.
    public init?(trees: [String], folders single: [String: Set<String>], skip: @escaping @Sendable (String) -> Bool) {
        let descriptor = inotify_init1(Int32(IN_CLOEXEC))
        guard descriptor >= 0 else { return nil }
        self.descriptor = descriptor
        self.skip = skip
        names = single
        for (folder, _) in single {
            guard add(folder, recursive: false) != .failed else {
                close(descriptor)
                return nil
            }
        }
        for tree in trees {
            guard addTree(tree) else {
                close(descriptor)
                return nil
            }
        }
    }

    deinit { close(descriptor) }

    private enum Added { case watched, absent, failed }

    private func add(_ path: String, recursive: Bool) -> Added {
        let watch = inotify_add_watch(descriptor, path, Self.mask | UInt32(IN_ONLYDIR))
        if watch < 0 { return errno == ENOENT || errno == ENOTDIR ? .absent : .failed }
        folders[watch] = (path, recursive)
        return .watched
    }

    /// The folder and every folder under it; false only when the kernel refuses a watch (ENOSPC).
    private func addTree(_ path: String) -> Bool {
        guard !skip(path) else { return true }
        switch add(path, recursive: true) {
        case .failed: return false
        case .absent: return true
        case .watched: break
        }
        for name in (try? Files.listIfPresent(path)) ?? [] {
            let child = path + "/" + name
            if (try? Files.kind(child)) == .folder, !addTree(child) { return false }
        }
        return true
    }

    /// Blocks until something changes, then waits for the rest of a save (an editor writes, renames
    /// and sets times in a burst) until `quiet` seconds pass with no news. False when the watch
    /// itself failed (then poll).
    public func waitForChange(quiet: Double = 0.05) -> Bool {
        var changed = false
        while !changed {
            guard let events = readEvents(timeout: -1) else { return false }
            changed = note(events)
        }
        while let events = readEvents(timeout: Int32(quiet * 1000)), !events.isEmpty {
            _ = note(events)
        }
        return true
    }

    private struct Event {
        var watch: Int32
        var mask: UInt32
        var name: String
    }

    /// True when one of the events counts; watches new folders as they appear.
    private func note(_ events: [Event]) -> Bool {
        var counts = false
        for event in events {
            if event.mask & UInt32(IN_Q_OVERFLOW) != 0 { counts = true; continue }
            guard let folder = folders[event.watch] else { continue }
            if event.mask & UInt32(IN_IGNORED) != 0 {
                folders[event.watch] = nil
                continue
            }
            let path = event.name.isEmpty ? folder.path : folder.path + "/" + event.name
            if !folder.recursive {
                guard let wanted = names[folder.path], wanted.contains(event.name) else { continue }
                // `content` made (or moved in) after the watch began: its tree is watched now.
                if event.mask & UInt32(IN_ISDIR) != 0, event.mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 { _ = addTree(path) }
                counts = true
                continue
            }
            guard !skip(path) else { continue }
            if event.mask & UInt32(IN_ISDIR) != 0, event.mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 { _ = addTree(path) }
            counts = true
        }
        return counts
    }

    /// The events ready within `timeout` milliseconds (-1: wait as long as it takes); empty when
    /// none came, nil when reading failed.
    private func readEvents(timeout: Int32) -> [Event]? {
        var ready = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let polled = poll(&ready, 1, timeout)
        if polled < 0 { return errno == EINTR ? [] : nil }
        if polled == 0 { return [] }
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count < 0 { return errno == EINTR || errno == EAGAIN ? [] : nil }
        var events: [Event] = []
        var offset = 0
        // struct inotify_event: int wd; uint32 mask, cookie, len; char name[len] (NUL-padded).
        while offset + 16 <= count {
            func word(_ at: Int) -> UInt32 {
                UInt32(buffer[at]) | UInt32(buffer[at + 1]) << 8 | UInt32(buffer[at + 2]) << 16 | UInt32(buffer[at + 3]) << 24
            }
            let length = Int(word(offset + 12))
            let nameBytes = buffer[(offset + 16)..<min(count, offset + 16 + length)].prefix { $0 != 0 }
            events.append(Event(watch: Int32(bitPattern: word(offset)), mask: word(offset + 4),
                                name: String(decoding: nameBytes, as: UTF8.self)))
            offset += 16 + length
        }
        return events
    }
}
