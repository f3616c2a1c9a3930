import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A record file's bytes, read without trusting what sits in `content/thu-tuc/`: a symbolic link
/// may point anywhere on the machine, a pipe would block the build forever, and a 50 MB paste
/// should be refused before it is read, not after.
public enum RecordFile {
    public enum Outcome {
        case bytes([UInt8])
        case refused(Problem)
    }

    public static func read(_ path: String, in site: URL) -> Outcome {
        let full = site.path + "/" + path
        var info = stat()
        guard lstat(full, &info) == 0 else { return .refused(.notAFile) }
        if info.st_mode & S_IFMT == S_IFLNK {
            let target = URL(fileURLWithPath: full).resolvingSymlinksInPath().path
            let root = site.resolvingSymlinksInPath().path
            guard target.hasPrefix(root.hasSuffix("/") ? root : root + "/") else { return .refused(.outsideSite(target)) }
        }
        // Opened without waiting (a pipe would block), then judged by what was opened: a file
        // swapped after the look above is still refused.
        let descriptor = open(full, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return .refused(.notAFile) }
        defer { close(descriptor) }
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return .refused(.notAFile) }
        let size = Int(info.st_size)
        guard size <= Record.maximumFileSize else { return .refused(.tooLarge(bytes: size, limit: Record.maximumFileSize)) }
        var bytes = [UInt8](repeating: 0, count: size)
        var filled = 0
        while filled < size {
            let count = bytes.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return Glibc.read(descriptor, base + filled, size - filled)
            }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }  // the file shrank while read: what is there
            filled += count
        }
        return .bytes(filled == size ? bytes : Array(bytes[..<filled]))
    }
}

extension Record {
    /// A file that was not read at all, with the reason at its first line.
    public static func refused(path: String, _ problem: Problem) -> Record {
        Record(path: path, procedure: nil, frontMatter: nil, body: Body(markdown: "", firstLine: 1),
               diagnostics: [Diagnostic(file: path, line: 1, column: 1, problem: problem)], codePosition: (1, 1))
    }
}
