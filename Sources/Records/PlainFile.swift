import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file written with one open, write and close. Foundation's `createFile` writes beside and
/// renames, which doubles the work when the caller already makes the result atomic (a staging
/// folder swapped in whole, a temporary file renamed over): 20,000 files in a first import.
public enum PlainFile {
    public static func write(_ data: Data, toPath path: String) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return data.withUnsafeBytes { buffer -> Bool in
            guard let base = buffer.baseAddress else { return true }  // an empty file
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, base + offset, buffer.count - offset)
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { return false }
                offset += written
            }
            return true
        }
    }

    /// A folder, made with one `mkdir` when its parent exists (a build makes 10,000 of them, and
    /// Foundation looks at every component of the path first); otherwise with its parents.
    public static func makeFolder(atPath path: String) throws {
        if mkdir(path, 0o755) == 0 || errno == EEXIST { return }
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
}
