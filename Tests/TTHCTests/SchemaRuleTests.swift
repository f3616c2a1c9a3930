import Foundation
@testable import Records
import Testing

/// Every rule of the one schema (`Schema.procedure`), broken once: the cases are derived from the
/// schema itself, so a rule added there (a new required key, a minimum, a vocabulary) is tested
/// here without anyone writing a case, and a rule the validator forgets fails.
@Suite struct SchemaRuleTests {
    /// One way of breaking a valid record, and the diagnostic it must give.
    struct Breach: Sendable, CustomStringConvertible {
        var path: [Step]
        var change: Change
        var code: Problem.Code
        var severity: Diagnostic.Severity
        /// The line the diagnostic must be on, written as it appears in the broken file
        /// (`key: value`, without indentation or a list's `- `); nil for a key that is gone.
        var line: String?

        enum Change: Sendable {
            case set(Value)
            case remove
            /// Sets `field` to `value` and removes `description` from the same object.
            case setWithout(field: String, value: Value, description: String)
        }

        var description: String {
            path.map { step in
                switch step {
                case .key(let key): return key
                case .item: return "[0]"
                }
            }.joined(separator: ".") + " → \(code.rawValue)"
        }
    }

    enum Step: Sendable {
        case key(String)
        case item
    }

    // MARK: - A valid record, made from the schema

    /// A valid value of `shape`: every field present, every list with one item.
    static func sample(_ shape: Shape) -> Value {
        switch shape {
        case .text: return .string("Mẫu")
        case .enumeration(let allowed, _): return .string(allowed[0])
        case .integer(let minimum): return .integer(minimum ?? 1)
        case .number: return .integer(1)
        case .boolean: return .bool(true)
        case .date: return .string("2026-01-16")
        case .dateTime: return .string("2026-01-16T09:00:00+07:00")
        case .procedureCode: return .string("1.001193")
        case .url: return .string("https://example.invalid/mau")
        case .baseURL: return .string("https://example.invalid/xa-mau/")
        case .list(let item, _): return .list([sample(item)])
        case .nullable(let inner): return sample(inner)
        case .object(let object): return .object(object.fields.map { Value.Member($0.key, sample($0.shape)) })
        }
    }

    static let validRecord = sample(.object(Schema.procedure))

    static func text(of value: Value) -> String {
        "---\n" + CanonicalYAML.document(value) + "---\n\n## Trình tự thực hiện\n\nNộp hồ sơ.\n"
    }

    // MARK: - Breaches, from the schema

    static func breaches(of shape: Shape, at path: [Step]) -> [Breach] {
        let key: String = path.reversed().lazy.compactMap { if case .key(let key) = $0 { return key } else { return nil } }.first ?? ""
        func set(_ value: Value, _ code: Problem.Code, _ severity: Diagnostic.Severity = .error, line: String) -> Breach {
            // A list's item is written `- value`, without its key.
            var line = line
            if case .item = path.last, line.hasPrefix(key + ": ") { line = String(line.dropFirst(key.count + 2)) }
            return Breach(path: path, change: .set(value), code: code, severity: severity, line: line)
        }
        switch shape {
        case .text(let lines):
            var found = [set(.string(""), .emptyValue, line: "\(key): \"\"")]
            if lines == .one { found.append(set(.string("dòng một\ndòng hai"), .wrongType, line: "\(key): |-")) }
            return found
        case .enumeration:
            return [set(.string("khong_co_trong_danh_muc"), .notInVocabulary, line: "\(key): khong_co_trong_danh_muc")]
        case .integer(let minimum):
            var found = [set(.string("một"), .wrongType, line: "\(key): một")]
            if let minimum { found.append(set(.integer(minimum - 1), .negativeAmount, line: "\(key): \(minimum - 1)")) }
            return found
        case .number(let minimum):
            var found = [set(.string("nửa"), .wrongType, line: "\(key): nửa")]
            if let minimum { found.append(set(.integer(Int(minimum) - 1), .negativeAmount, line: "\(key): \(Int(minimum) - 1)")) }
            return found
        case .boolean:
            return [set(.string("có lẽ"), .wrongType, line: "\(key): có lẽ")]
        case .date:
            return [set(.string("2026-02-30"), .malformedDate, line: "\(key): \"2026-02-30\"")]
        case .dateTime:
            return [set(.string("hôm qua"), .malformedDate, line: "\(key): hôm qua")]
        case .procedureCode:
            return [set(.string("1.00119"), .malformedCode, line: "\(key): \"1.00119\"")]
        case .url:
            return [set(.string("javascript:alert(1)"), .wrongType, line: "\(key): javascript:alert(1)")]
        case .baseURL:
            return [set(.string("https://example.invalid/?utm=1"), .malformedURL, line: "\(key): https://example.invalid/?utm=1")]
        case .list(let item, let minItems):
            var found = breaches(of: item, at: path + [.item])
            if minItems > 0 { found.append(set(.list([]), .tooFewItems, line: "\(key): []")) }
            return found
        case .nullable(let inner):
            return breaches(of: inner, at: path)
        case .object(let object):
            var found: [Breach] = []
            for field in object.fields {
                let fieldPath = path + [.key(field.key)]
                switch field.requirement {
                case .required:
                    found.append(Breach(path: fieldPath, change: .remove, code: .missingKey, severity: .error, line: nil))
                    if !field.shape.isNullable {
                        found.append(Breach(path: fieldPath, change: .set(.null), code: .wrongType, severity: .error,
                                            line: "\(field.key): null"))
                    }
                case .completeness:
                    found.append(Breach(path: fieldPath, change: .remove, code: .incomplete, severity: .warning, line: nil))
                case .optional:
                    break
                }
                found += breaches(of: field.shape, at: fieldPath)
            }
            for rule in object.rules {
                switch rule {
                case .describeWhenNull(let field, let description):
                    found.append(Breach(path: path, change: .setWithout(field: field, value: .null, description: description),
                                        code: .amountWithoutDescription, severity: .warning, line: "\(field): null"))
                case .describeWhenEqual(let field, let value, let description):
                    found.append(Breach(path: path, change: .setWithout(field: field, value: .string(value), description: description),
                                        code: .durationWithoutDescription, severity: .warning, line: "\(field): \(value)"))
                }
            }
            return found
        }
    }

    static let allBreaches = breaches(of: .object(Schema.procedure), at: [])
    /// `site.yml` is validated by the same walker against its own schema; its completeness
    /// requirements and object rules (none today) would be found the same way.
    static let siteBreaches = breaches(of: .object(Schema.site), at: [])

    // MARK: - Changing a value at a path

    static func applying(_ breach: Breach, to value: Value) -> Value {
        change(value, at: breach.path[...], breach.change)
    }

    private static func change(_ value: Value, at path: ArraySlice<Step>, _ change: Breach.Change) -> Value {
        guard let step = path.first else {
            guard case .setWithout(let field, let new, let description) = change, case .object(var members) = value else {
                if case .set(let new) = change { return new }
                return value
            }
            members.removeAll { $0.key == description }
            if let index = members.firstIndex(where: { $0.key == field }) { members[index].value = new }
            return .object(members)
        }
        switch (step, value) {
        case (.key(let key), .object(var members)):
            guard let index = members.firstIndex(where: { $0.key == key }) else { return value }
            if path.count == 1, case .remove = change {
                members.remove(at: index)
            } else {
                members[index].value = Self.change(members[index].value, at: path.dropFirst(), change)
            }
            return .object(members)
        case (.item, .list(var items)) where !items.isEmpty:
            items[0] = Self.change(items[0], at: path.dropFirst(), change)
            return .list(items)
        default:
            return value
        }
    }

    // MARK: - Tests

    @Test func theSampleMadeFromTheSchemaIsValid() {
        let record = Record.read(bytes: Array(Self.text(of: Self.validRecord).utf8), path: "content/thu-tuc/1.001193.md")
        #expect(record.diagnostics.isEmpty, "\(record.diagnostics)")
        #expect(record.procedure != nil)
    }

    @Test func theSchemaHasRulesOfEveryKind() {
        let codes = Set(Self.allBreaches.map(\.code))
        #expect(codes.isSuperset(of: [.missingKey, .incomplete, .tooFewItems, .notInVocabulary, .wrongType, .emptyValue,
                                      .negativeAmount, .malformedDate, .malformedCode, .amountWithoutDescription,
                                      .durationWithoutDescription]))
        // `cap_thuc_hien` and `co_quan.thuc_hien` have a minimum of one.
        #expect(Self.allBreaches.filter { $0.code == .tooFewItems }.map(\.description).contains("co_quan.thuc_hien → too-few-items"))
        #expect(Self.allBreaches.count > 150)
    }

    @Test(arguments: allBreaches)
    func everyRuleOfTheSchemaIsEnforced(_ breach: Breach) throws {
        let text = Self.text(of: Self.applying(breach, to: Self.validRecord))
        let record = Record.read(bytes: Array(text.utf8), path: "content/thu-tuc/1.001193.md")
        let found = record.diagnostics(breach.code)
        if breach.severity == .error { #expect(record.procedure == nil, "\(breach): an error must keep the record off the site") }
        expect(found, of: breach, in: text, all: record.diagnostics)
    }

    @Test func theSiteSampleIsValid() {
        let (configuration, diagnostics) = SiteConfiguration.read(bytes: Array(CanonicalYAML.document(Self.sample(.object(Schema.site))).utf8))
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(configuration != nil)
    }

    @Test(arguments: siteBreaches)
    func everyRuleOfTheSiteSchemaIsEnforced(_ breach: Breach) throws {
        let text = CanonicalYAML.document(Self.applying(breach, to: Self.sample(.object(Schema.site))))
        let (configuration, diagnostics) = SiteConfiguration.read(bytes: Array(text.utf8))
        if breach.severity == .error { #expect(configuration == nil, "\(breach)") }
        // Lines of site.yml count from its first line; the record's text has `---` before it.
        expect(diagnostics.filter { $0.problem.code == breach.code }.map { diagnostic in
            var moved = diagnostic
            moved.line += 1
            return moved
        }, of: breach, in: "---\n" + text, all: diagnostics)
    }

    private func expect(_ found: [Diagnostic], of breach: Breach, in text: String, all: [Diagnostic]) {
        #expect(found.count >= 1, "\(breach): \(all.map { "\($0.line):\($0.column) \($0.code)" })\n\(text)")
        #expect(found.allSatisfy { $0.severity == breach.severity }, "\(breach)")
        guard let expected = breach.line else { return }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let candidates = lines.indices.filter { index in
            var line = lines[index].drop { $0 == " " }
            if line.hasPrefix("- ") { line = line.dropFirst(2) }
            return line == expected
        }
        #expect(candidates.count == 1, "\(breach): `\(expected)` should be written once:\n\(text)")
        #expect(found.map(\.line).contains(candidates[0] + 1), "\(breach) at line \(candidates[0] + 1): \(found.map(\.line))\n\(text)")
    }
}
