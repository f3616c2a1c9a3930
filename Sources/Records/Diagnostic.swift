/// A problem found in a file, where the person editing it will look for it. Codable: a build keeps
/// what it found with its state (`BuildState`), and one that finds nothing changed reports it again.
public struct Diagnostic: Sendable, Equatable, Codable {
    public enum Severity: String, Sendable, Codable {
        case error, warning
    }

    /// Path relative to the site folder, with `/` separators.
    public var file: String
    /// 1-based, on the file as it is on disk.
    public var line: Int
    /// 1-based, in Unicode scalars, on the file as it is on disk.
    public var column: Int
    public var problem: Problem
    /// Whose content the problem is in: the unit's (what `--strict` is about), or the national
    /// record's, as the catalog has it (`Record+NationalFindings`).
    public var origin: Origin = .unit

    /// `national`: a finding on a key or section of the national part of a record that is still
    /// as sync wrote it. The unit cannot mend it there (sync owns that text), so it is reported
    /// apart, never counted by `--strict`, and its advice points to `dia_phuong`.
    public enum Origin: String, Sendable, Codable {
        case unit, national
    }

    public init(file: String, line: Int, column: Int, problem: Problem) {
        self.file = file
        self.line = line
        self.column = column
        self.problem = problem
    }

    public var severity: Severity { problem.severity }
    public var code: String { problem.code.rawValue }

    public func message(_ language: Language) -> String { problem.message[language] }
    public func suggestion(_ language: Language) -> String? { problem.suggestion?[language] }
}

public enum Language: String, Sendable, CaseIterable {
    case vi, en
}

/// A text shown to people, in Vietnamese for the staff who edit records and English for developers.
public struct Localized: Sendable, Hashable, Codable {
    public var vi: String
    public var en: String

    public init(vi: String, en: String) {
        self.vi = vi
        self.en = en
    }

    public subscript(language: Language) -> String {
        language == .vi ? vi : en
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// An error, or under `strict` a warning of the unit's own content: what stops a build.
    public func blocks(strict: Bool) -> Bool {
        contains { $0.severity == .error || (strict && $0.origin == .unit) }
    }

    /// The order people read a report in: by file, line and column, errors before warnings.
    public func sortedForReport() -> [Diagnostic] {
        sorted {
            ($0.file, $0.line, $0.column, $0.severity == .error ? 0 : 1, $0.code)
                < ($1.file, $1.line, $1.column, $1.severity == .error ? 0 : 1, $1.code)
        }
    }
}
