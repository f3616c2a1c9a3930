import Foundation

/// Replaces a file so that a reader, or a run interrupted at any moment, sees either the old
/// content or the new, never half of it: write beside, then rename over. (No fsync per file:
/// the rename is what makes an interrupted run safe, and syncing thousands of files one by one
/// made a 10,000-record sync several times slower.)
public enum AtomicFile {
    public static func write(_ text: String, to url: URL) throws {
        let directory = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        let data = Data(text.utf8)
        guard PlainFile.write(data, toPath: temporary.path) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary.path])
        }
        if rename(temporary.path, url.path) != 0 {
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
    }
}
