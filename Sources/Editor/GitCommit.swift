import Foundation

/// `serve --git`: each save is a commit of that one file, by the account that saved it. git runs as
/// a program with its arguments as a list (no shell: a name cannot become a command), and commits
/// only the saved path (`--only`), never what someone else had staged.
public struct GitCommit: Sendable {
    public let site: URL

    public init(site: URL) {
        self.site = site
    }

    public struct Failed: Error, Sendable, Equatable {
        public var output: String
    }

    /// Is the site inside a git work tree?
    public func isRepository() -> Bool {
        (try? run(["rev-parse", "--is-inside-work-tree"])) == "true"
    }

    /// Commits `path` (site-relative) with `message`; `author` as `Name <email>`, nil for git's own.
    public func commit(_ path: String, message: String, author: String?) throws {
        // A server account often has no identity of its own: then tthc serve commits (the author,
        // from the account, still says who made the change).
        let anonymous = (try? run(["config", "user.email"])) == nil
        _ = try run(["add", "--", path])
        var arguments = ["commit", "--only", "--quiet", "-m", message]
        if let author { arguments += ["--author", author] }
        _ = try run(arguments + ["--", path], anonymous: anonymous)
    }

    private func run(_ arguments: [String], anonymous: Bool = false) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", site.path] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_TERMINAL_PROMPT"] = "0"
        if anonymous {
            for who in ["COMMITTER", "AUTHOR"] {
                environment["GIT_\(who)_NAME"] = environment["GIT_\(who)_NAME"] ?? "tthc serve"
                environment["GIT_\(who)_EMAIL"] = environment["GIT_\(who)_EMAIL"] ?? "tthc-serve@localhost"
            }
        }
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard process.terminationStatus == 0 else { throw Failed(output: text) }
        return text
    }
}
