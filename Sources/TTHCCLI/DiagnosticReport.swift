import ArgumentParser
import Escaping
import Foundation
import Records

extension Language: ExpressibleByArgument {}

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, github
}

/// Prints diagnostics for a person (text), a program (json) or a pull request (github).
struct DiagnosticReport {
    var diagnostics: [Diagnostic]
    var language: Language
    var strict: Bool
    /// When set, the text report quotes each offending line (read from this site folder).
    var site: URL?
    /// The national record's findings one by one (`--du-lieu-quoc-gia`), not one line per kind.
    var nationalInFull = false

    /// Under `--strict`, warnings of the unit's own content count as errors; the national
    /// record's never do.
    func severity(_ diagnostic: Diagnostic) -> Diagnostic.Severity {
        strict && diagnostic.origin == .unit ? .error : diagnostic.severity
    }

    var hasErrors: Bool { diagnostics.contains { severity($0) == .error } }

    /// What is listed one by one.
    private var listed: [Diagnostic] {
        nationalInFull ? diagnostics : diagnostics.filter { $0.origin == .unit }
    }

    func render(_ format: ReportFormat) -> String {
        switch format {
        case .json: return json
        case .github: return github
        case .text: return text
        }
    }

    var json: String {
        Value.list(diagnostics.map { diagnostic in
            var members: [Value.Member] = [
                .init("file", .string(diagnostic.file)),
                .init("line", .integer(diagnostic.line)),
                .init("column", .integer(diagnostic.column)),
                .init("severity", .string(severity(diagnostic).rawValue)),
                .init("code", .string(diagnostic.code)),
                .init("message", .string(diagnostic.message(language))),
                .init("origin", .string(diagnostic.origin.rawValue)),
            ]
            if let suggestion = diagnostic.suggestion(language) { members.append(.init("suggestion", .string(suggestion))) }
            return .object(members)
        }).json(pretty: true) + "\n"
    }

    /// Shown per file in text and annotations; the rest are counted (JSON lists them all). A
    /// hostile file can hold tens of thousands of problems, and the first ones tell what to fix.
    static let shownPerFile = 50

    /// The diagnostics shown, and per file how many were left out.
    private var shown: (diagnostics: [Diagnostic], hidden: [(file: String, count: Int)]) {
        var perFile: [String: Int] = [:]
        var hidden: [(file: String, count: Int)] = []
        var kept: [Diagnostic] = []
        for diagnostic in listed {
            perFile[diagnostic.file, default: 0] += 1
            if perFile[diagnostic.file]! <= Self.shownPerFile { kept.append(diagnostic) }
        }
        for (file, count) in perFile where count > Self.shownPerFile { hidden.append((file, count - Self.shownPerFile)) }
        return (kept, hidden.sorted { $0.file < $1.file })
    }

    /// GitHub resolves an annotation's `file` from the repository's root, where the workflow
    /// runs: a site in a folder of a larger repository (`--site don-vi/xa-a`) prefixes its paths.
    static func githubFolder(of site: URL?) -> String {
        guard let site else { return "" }
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path
        let root = site.standardizedFileURL.path
        if root == here { return "" }
        let prefix = here.hasSuffix("/") ? here : here + "/"
        return (root.hasPrefix(prefix) ? String(root.dropFirst(prefix.count)) : root) + "/"
    }

    /// One workflow command per diagnostic. File names and messages quote records: each is shown
    /// as a terminal shows outside text (no line break, no control is left in it), then escaped
    /// as GitHub's commands escape data, so a record cannot end the annotation or start another.
    var github: String {
        let folder = Self.githubFolder(of: site)
        let summary = nationalInFull ? "" : NationalSummary(diagnostics).github(language)
        return shown.diagnostics.map { diagnostic in
            var message = diagnostic.message(language)
            if let suggestion = diagnostic.suggestion(language) { message += " " + suggestion }
            // The national record's, as notices: shown on the pull request, never as its author's problems.
            let command = diagnostic.origin == .national ? "notice" : severity(diagnostic).rawValue
            return "::\(command) file=\(Self.escapeProperty(folder + diagnostic.file)),line=\(diagnostic.line),"
                + "col=\(diagnostic.column),title=\(Self.escapeProperty(diagnostic.code))::\(Self.escapeData(message))\n"
        }.joined() + summary
    }

    var text: String {
        var excerpts = site.map(SourceExcerpt.init(site:))
        let (kept, hidden) = shown
        var out = kept.map { diagnostic in
            let label = diagnostic.origin == .national ? (language == .vi ? "dữ liệu quốc gia" : "national data")
                : severity(diagnostic) == .error ? (language == .vi ? "lỗi" : "error") : (language == .vi ? "cảnh báo" : "warning")
            // File names and messages (which quote values) come from the site: shown escaped.
            let file = TerminalText.escape(diagnostic.file), message = TerminalText.escape(diagnostic.message(language))
            var line = "\(file):\(diagnostic.line):\(diagnostic.column): \(label) [\(diagnostic.code)] \(message)\n"
            if let excerpt = excerpts?.excerpt(file: diagnostic.file, line: diagnostic.line, column: diagnostic.column) {
                line += excerpt
            }
            if let suggestion = diagnostic.suggestion(language) { line += "    → \(TerminalText.escape(suggestion))\n" }
            return line
        }.joined()
        for (file, count) in hidden {
            let file = TerminalText.escape(file)
            out += language == .vi ? "\(file): … và \(count) lỗi, cảnh báo khác trong tệp này (sửa các lỗi trên rồi chạy lại).\n"
                                   : "\(file): … and \(count) more in this file (fix the ones above and run again).\n"
        }
        let national = NationalSummary(diagnostics)
        if !nationalInFull { out += national.text(language) }
        let errors = diagnostics.filter { severity($0) == .error }.count
        let warnings = diagnostics.count - errors - national.count
        out += language == .vi ? "\(errors) lỗi, \(warnings) cảnh báo" : "\(errors) errors, \(warnings) warnings"
        if !national.isEmpty {
            out += language == .vi ? "; \(national.count) ghi nhận về dữ liệu quốc gia (\(nationalInFull ? "ở trên" : "tóm tắt ở trên"))"
                                   : "; \(national.count) findings in the national data (\(nationalInFull ? "above" : "summed up above"))"
        }
        out += ".\n"
        return out
    }

    // GitHub workflow commands: https://docs.github.com/actions (escaping of data and properties).
    // Each line shown as outside text (no control left in it), `%` escaped, and the message's own
    // line breaks as GitHub's `%0A`: a record's text can neither end the annotation nor start another.
    static func escapeData(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { TerminalText.escape(String($0)).replacingOccurrences(of: "%", with: "%25") }
            .joined(separator: "%0A")
    }

    static func escapeProperty(_ text: String) -> String {
        // A property (a file name) is one line: its line breaks shown as outside text, not as %0A.
        TerminalText.escape(text).replacingOccurrences(of: "%", with: "%25")
            .replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
