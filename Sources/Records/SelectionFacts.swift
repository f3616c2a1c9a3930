/// What decides whether a unit publishes a record (`SiteConfiguration.exclusion(of:)`): its code,
/// origin, levels and field, and for a national record its system and the province that announced
/// it, read from the front matter's lines without parsing the record. A province's build of one
/// unit (`tthc build --don-vi`) parses only the pool records that unit's `chon` may take.
///
/// Only the plain block form is read, the one `tthc sync` writes: a key at the start of its line,
/// a scalar of letters, digits, `.`, `_`, `-` (quoted or not), a list as `[a, b]` or as `- a` lines.
/// Anything else about these keys (a comment, an anchor, a tag, a quoted or flow key, a value over
/// several lines, a key written twice) leaves the fact unknown, and the record is parsed like any
/// other: a record is never left out on a guess. So is a front matter in which a quote or a bracket
/// stays open at the end of a line, since a line that looks like a key could then be inside a value.
public struct SelectionFacts: Sendable, Equatable {
    /// `ma_thu_tuc`, when read.
    public var code: String?
    /// Every fact the selection looks at, as a procedure whose other fields are empty: nil when any
    /// of them is unknown.
    public var procedure: Procedure?

    public init(bytes: [UInt8]) {
        guard let source = try? SourceText(bytes: bytes), let split = try? FrontMatterSplit(source.text),
              let top = FactLines(Array(split.yaml.utf8)).entries() else { return }
        code = top.scalar("ma_thu_tuc")
        guard let code, let origin = top.scalar("nguon_goc").flatMap(Procedure.Origin.init(rawValue:)),
              let levels = top.list("cap_thuc_hien")?.map(Procedure.Level.init(rawValue:)), !levels.contains(nil),
              let sector = top.mapping("linh_vuc")?.scalar("ma") else { return }
        var procedure = Procedure(code: code, name: "", levels: levels.compactMap { $0 }, sector: Procedure.Sector(code: sector, name: ""),
                                  status: .inForce, origin: origin)
        if top.isAbsent("nguon") {
            // A record the unit wrote itself: no source.
        } else if let source = top.mapping("nguon"), let system = source.scalar("he_thong").flatMap(Procedure.Source.System.init(rawValue:)) {
            var announcedBy: Procedure.Sector?
            if let code = source.mapping("co_quan_cong_bo")?.scalar("ma") {
                announcedBy = Procedure.Sector(code: code, name: "")
            } else if !source.isAbsent("co_quan_cong_bo") || origin == .provinceSpecific {
                // Which province announced it decides for a province-specific procedure: never guessed.
                return
            }
            procedure.source = Procedure.Source(system: system, announcedBy: announcedBy)
        } else {
            return
        }
        self.procedure = procedure
    }
}

/// The lines of a front matter as a tree of `key:` entries, for the few keys `SelectionFacts` reads.
private struct FactLines {
    struct Line {
        var indent: Int
        /// The line without its indentation and trailing spaces.
        var text: ArraySlice<UInt8>
    }

    let lines: [Line]

    init(_ yaml: [UInt8]) {
        lines = yaml.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).compactMap { raw in
            var text = raw
            while let last = text.last, last == UInt8(ascii: " ") { text = text.dropLast() }
            guard !text.isEmpty else { return nil }
            let indent = text.prefix { $0 == UInt8(ascii: " ") }.count
            return Line(indent: indent, text: text.dropFirst(indent))
        }
    }

    /// The top-level entries; nil when a line could make what looks like a key part of a value.
    func entries() -> Entries? {
        guard lines.allSatisfy({ Self.closesWhatItOpens($0.text) }) else { return nil }
        return Entries(lines: lines[...])
    }

    /// Quotes and brackets closed on their own line (a scalar or a flow list over several lines
    /// could hold a line that reads like a key). A tab anywhere in the indentation counts as open.
    static func closesWhatItOpens(_ text: ArraySlice<UInt8>) -> Bool {
        if text.first == UInt8(ascii: "\t") { return false }
        var double = false, single = false, depth = 0, previous: UInt8 = 0
        for byte in text {
            switch byte {
            case UInt8(ascii: "\"") where !single && previous != UInt8(ascii: "\\"): double.toggle()
            case UInt8(ascii: "'") where !double: single.toggle()
            case UInt8(ascii: "["), UInt8(ascii: "{"): if !double && !single { depth += 1 }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): if !double && !single { depth -= 1 }
            default: break
            }
            previous = byte
        }
        return !double && !single && depth == 0
    }
}

/// The entries of one block mapping: each key at the mapping's indentation, its value on the line
/// and the lines under it.
private struct Entries {
    private var found: [String: [(value: ArraySlice<UInt8>, children: ArraySlice<FactLines.Line>)]] = [:]
    /// A line at the mapping's indentation that is not a plain `key:`: any key may hide behind it.
    private var irregular = false

    init(lines: ArraySlice<FactLines.Line>) {
        guard let indent = lines.first?.indent else { return }
        var index = lines.startIndex
        while index < lines.endIndex {
            let line = lines[index]
            var end = lines.index(after: index)
            // The lines under it, and a list written at the key's own indentation (`key:` then `- a`).
            while end < lines.endIndex, lines[end].indent > indent
                    || (lines[end].indent == indent && lines[end].text.first == UInt8(ascii: "-") && line.text.last == UInt8(ascii: ":")) {
                end = lines.index(after: end)
            }
            if line.indent != indent {
                irregular = true
            } else if let (key, value) = Self.split(line.text) {
                found[key, default: []].append((value, lines[lines.index(after: index)..<end]))
            } else if line.text.first != UInt8(ascii: "#") {
                irregular = true
            }
            index = end
        }
    }

    /// `key: value` with a plain key of lowercase letters and `_`.
    private static func split(_ text: ArraySlice<UInt8>) -> (String, ArraySlice<UInt8>)? {
        guard let colon = text.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let key = text[..<colon]
        guard !key.isEmpty, key.allSatisfy({ (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || $0 == UInt8(ascii: "_") }) else { return nil }
        let rest = text[text.index(after: colon)...]
        guard rest.isEmpty || rest.first == UInt8(ascii: " ") else { return nil }
        return (String(decoding: key, as: UTF8.self), rest.drop { $0 == UInt8(ascii: " ") })
    }

    /// Written once, surely: what is under it is this key's.
    private func only(_ key: String) -> (value: ArraySlice<UInt8>, children: ArraySlice<FactLines.Line>)? {
        guard !irregular, let entries = found[key], entries.count == 1 else { return nil }
        return entries[0]
    }

    /// Surely not written (no line of this mapping could be it).
    func isAbsent(_ key: String) -> Bool { !irregular && found[key] == nil }

    /// A scalar on the key's line, with nothing under it.
    func scalar(_ key: String) -> String? {
        guard let entry = only(key), entry.children.isEmpty else { return nil }
        return Self.scalar(entry.value)
    }

    /// `[a, b]` on the key's line, or `- a` lines under it.
    func list(_ key: String) -> [String]? {
        guard let entry = only(key) else { return nil }
        if entry.value.first == UInt8(ascii: "["), entry.value.last == UInt8(ascii: "]"), entry.children.isEmpty {
            let inside = entry.value.dropFirst().dropLast()
            if inside.allSatisfy({ $0 == UInt8(ascii: " ") }) { return [] }
            let items = inside.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).map { item in
                Self.scalar(item.drop { $0 == UInt8(ascii: " ") }.reversed().drop { $0 == UInt8(ascii: " ") }.reversed()[...])
            }
            return items.contains(nil) ? nil : items.compactMap { $0 }
        }
        guard entry.value.isEmpty, let indent = entry.children.first?.indent else { return nil }
        var items: [String] = []
        for line in entry.children {
            guard line.indent == indent, line.text.starts(with: "- ".utf8), let item = Self.scalar(line.text.dropFirst(2)) else { return nil }
            items.append(item)
        }
        return items
    }

    /// The mapping under the key.
    func mapping(_ key: String) -> Entries? {
        guard let entry = only(key), entry.value.isEmpty, !entry.children.isEmpty else { return nil }
        return Entries(lines: entry.children)
    }

    /// Letters, digits, `.`, `_`, `-`, bare or in quotes without escapes.
    private static func scalar(_ text: ArraySlice<UInt8>) -> String? {
        var inner = text
        if let first = text.first, first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
            guard text.count >= 2, text.last == first else { return nil }
            inner = text.dropFirst().dropLast()
        } else if let first = text.first, first == UInt8(ascii: "-") || first == UInt8(ascii: ".") || first == UInt8(ascii: "_") {
            // `-` starts a list, `.` a YAML number such as `.5`: only a letter or a digit starts a bare scalar here.
            return nil
        }
        guard !inner.isEmpty, inner.allSatisfy({ byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
                || byte == UInt8(ascii: "-")
        }) else { return nil }
        return String(decoding: inner, as: UTF8.self)
    }
}
