import Records

extension IndicatorTable {
    /// Reads and checks a table; a table with any error is not used (the report cannot run on it).
    public static func read(bytes: [UInt8], path: String) -> (table: IndicatorTable?, diagnostics: [Diagnostic]) {
        var document = ValidatedYAML(bytes: bytes, path: path, shape: shape, unknownKey: TableProblem.unknownKey)
        guard let value = document.value, !document.hasErrors else { return (nil, document.diagnostics) }
        check(value, in: &document)
        return (document.decoded(IndicatorTable.self), document.diagnostics)
    }

    /// What the shape cannot say, each at the value it concerns.
    static func check(_ value: Value, in document: inout ValidatedYAML) {
        for (index, day) in (value["ngay_nghi"]?["hang_nam"]?.list ?? []).enumerated() {
            if let text = day.string, WorkingCalendar.monthAndDay(text) == nil {
                document.report(TableProblem.notMonthAndDay(text), at: [.key("ngay_nghi"), .key("hang_nam"), .index(index)])
            }
        }
        // (A list's `minItems` is not enforced by every validator this table has been read with.)
        if value["chi_so"]?.list?.isEmpty == true { document.report(TableProblem.noIndicator, at: [.key("chi_so")]) }
        var seen: Set<String> = []
        for (index, indicator) in (value["chi_so"]?.list ?? []).enumerated() {
            let place: [ValidatedYAML.Step] = [.key("chi_so"), .index(index)]
            if let code = indicator["ma"]?.string {
                if !isIndicatorCode(code) {
                    document.report(TableProblem.malformedCode(code), at: place + [.key("ma")])
                } else if !seen.insert(code).inserted {
                    document.report(TableProblem.duplicateCode(code), at: place + [.key("ma")])
                }
            }
            if let rate = indicator["nguong"]?.rate, rate > 1 {
                document.report(TableProblem.notARate("nguong", rate), at: place + [.key("nguong")])
            }
            if let rate = indicator["diem"]?["muc"]?.rate, rate > 1 || rate == 0 {
                document.report(TableProblem.notARate("diem.muc", rate), at: place + [.key("diem"), .key("muc")])
            }
            if indicator["diem"]?["cach_cho"]?.string == "du_tu", indicator["diem"]?["muc"] == nil {
                document.report(TableProblem.missing("diem.muc", because: "du_tu"), at: place + [.key("diem")])
            }
            guard let measure = indicator["cach_tinh"]?.string.flatMap(Measure.init(rawValue:)) else { continue }
            if measure.needsReason, indicator["ly_do"] == nil {
                document.report(TableProblem.missing("ly_do", because: measure.rawValue), at: place + [.key("cach_tinh")])
            }
            if case .object(let members) = indicator["tham_so"] ?? .object([]) {
                for member in members where !measure.parameters.contains(where: { $0.rawValue == member.key }) {
                    document.report(TableProblem.unusedParameter(member.key, measure: measure.rawValue),
                                    at: place + [.key("tham_so"), .key(member.key)])
                }
                for key in measure.parameters.sorted(by: { $0.rawValue < $1.rawValue })
                where key != .migrationDates && !members.contains(where: { $0.key == key.rawValue }) {
                    document.report(TableProblem.missing("tham_so.\(key.rawValue)", because: measure.rawValue),
                                    at: place + [.key(indicator["tham_so"] == nil ? "cach_tinh" : "tham_so")])
                }
            }
        }
    }

    /// `day_du`: lowercase ASCII letters, digits and `_`, starting with a letter (a JSON key and a
    /// `--nguong` name, typed on any keyboard).
    static func isIndicatorCode(_ code: String) -> Bool {
        guard let first = code.utf8.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first) else { return false }
        return code.utf8.allSatisfy {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "_")
        }
    }
}

private extension Value {
    var rate: Double? {
        switch self {
        case .integer(let number): return Double(number)
        case .number(let number): return number
        default: return nil
        }
    }
}
