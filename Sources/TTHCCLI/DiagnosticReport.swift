import ArgumentParser
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

    /// Under `--strict`, warnings count as errors.
    func severity(_ diagnostic: Diagnostic) -> Diagnostic.Severity {
        strict ? .error : diagnostic.severity
    }

    var hasErrors: Bool { diagnostics.contains { severity($0) == .error } }

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
            ]
            if let suggestion = diagnostic.suggestion(language) { members.append(.init("suggestion", .string(suggestion))) }
            return .object(members)
        }).json(pretty: true) + "\n"
    }

    var github: String {
        diagnostics.map { diagnostic in
            var message = diagnostic.message(language)
            if let suggestion = diagnostic.suggestion(language) { message += " " + suggestion }
            return "::\(severity(diagnostic).rawValue) file=\(escapeProperty(diagnostic.file)),line=\(diagnostic.line),"
                + "col=\(diagnostic.column),title=\(escapeProperty(diagnostic.code))::\(escapeData(message))\n"
        }.joined()
    }

    var text: String {
        var excerpts = site.map(SourceExcerpt.init(site:))
        var out = diagnostics.map { diagnostic in
            let label = severity(diagnostic) == .error
                ? (language == .vi ? "lỗi" : "error") : (language == .vi ? "cảnh báo" : "warning")
            var line = "\(diagnostic.file):\(diagnostic.line):\(diagnostic.column): \(label) [\(diagnostic.code)] \(diagnostic.message(language))\n"
            if let excerpt = excerpts?.excerpt(file: diagnostic.file, line: diagnostic.line, column: diagnostic.column) {
                line += excerpt
            }
            if let suggestion = diagnostic.suggestion(language) { line += "    → \(suggestion)\n" }
            return line
        }.joined()
        let errors = diagnostics.filter { severity($0) == .error }.count
        let warnings = diagnostics.count - errors
        out += language == .vi ? "\(errors) lỗi, \(warnings) cảnh báo.\n" : "\(errors) errors, \(warnings) warnings.\n"
        return out
    }

    // GitHub workflow commands: https://docs.github.com/actions (escaping of data and properties).
    private func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    private func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
