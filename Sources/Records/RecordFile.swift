import Foundation

/// A record file's bytes, read without trusting what sits in `content/thu-tuc/`: a symbolic link
/// may point anywhere on the machine, a pipe would block the build forever, and a 50 MB paste
/// should be refused before it is read, not after.
public enum RecordFile {
    public enum Outcome {
        case bytes(Data)
        case refused(Problem)
    }

    public static func read(_ path: String, in site: URL) -> Outcome {
        let url = site.appendingPathComponent(path)
        guard var attributes = try? FileManager.default.attributesOfItem(atPath: url.path) else { return .refused(.notAFile) }
        if attributes[.type] as? FileAttributeType == .typeSymbolicLink {
            let target = url.resolvingSymlinksInPath().path
            let root = site.resolvingSymlinksInPath().path
            guard target.hasPrefix(root.hasSuffix("/") ? root : root + "/") else { return .refused(.outsideSite(target)) }
            guard let resolved = try? FileManager.default.attributesOfItem(atPath: target) else { return .refused(.notAFile) }
            attributes = resolved
        }
        guard attributes[.type] as? FileAttributeType == .typeRegular else { return .refused(.notAFile) }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        guard size <= Record.maximumFileSize else { return .refused(.tooLarge(bytes: size, limit: Record.maximumFileSize)) }
        guard let data = try? Data(contentsOf: url) else { return .refused(.notAFile) }
        return .bytes(data)
    }
}

extension Record {
    /// A file that was not read at all, with the reason at its first line.
    public static func refused(path: String, _ problem: Problem) -> Record {
        Record(path: path, procedure: nil, frontMatter: nil, body: Body(markdown: "", firstLine: 1),
               diagnostics: [Diagnostic(file: path, line: 1, column: 1, problem: problem)], codePosition: (1, 1))
    }
}
