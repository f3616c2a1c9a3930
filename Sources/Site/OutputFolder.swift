import Foundation

/// Puts a finished build in place of the previous one, so that a failed or interrupted build
/// leaves the previous output exactly as it was.
enum OutputFolder {
    /// A fresh folder beside `output` to build into.
    static func staging(for output: URL) throws -> URL {
        let staging = output.deletingLastPathComponent()
            .appendingPathComponent(".\(output.lastPathComponent).building-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: staging)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        return staging
    }

    /// Writes every file into `staging`, then swaps it in for `output`.
    static func publish(_ files: [(path: String, data: Data)], to output: URL) throws {
        try FileManager.default.createDirectory(at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
        let staging = try staging(for: output)
        do {
            var folders: Set<String> = []
            for file in files {
                let url = staging.appendingPathComponent(file.path)
                let folder = url.deletingLastPathComponent().path
                if folders.insert(folder).inserted {
                    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                }
                guard FileManager.default.createFile(atPath: url.path, contents: file.data) else {
                    throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
                }
            }
            try swap(staging, into: output)
        } catch {
            try? FileManager.default.removeItem(at: staging)
            throw error
        }
    }

    private static func swap(_ staging: URL, into output: URL) throws {
        guard FileManager.default.fileExists(atPath: output.path) else {
            try FileManager.default.moveItem(at: staging, to: output)
            return
        }
        let previous = output.deletingLastPathComponent()
            .appendingPathComponent(".\(output.lastPathComponent).previous-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: previous)
        try FileManager.default.moveItem(at: output, to: previous)
        do {
            try FileManager.default.moveItem(at: staging, to: output)
        } catch {
            try? FileManager.default.moveItem(at: previous, to: output)
            throw error
        }
        try? FileManager.default.removeItem(at: previous)
    }
}
