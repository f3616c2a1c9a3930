/// What decides whether a unit publishes a record (`SiteConfiguration.exclusion(of:)`): its code,
/// origin, levels and field, and for a national record its system and the province that announced
/// it, read from the front matter's lines without parsing the record. A province's build of one
/// unit (`tthc build --don-vi`) parses only the pool records that unit's `chon` may take.
///
/// Only the plain block form is read, the one `tthc sync` writes: a key at the start of its line,
/// a scalar of letters, digits, `.`, `_`, `-` (quoted or not), a list as `[a, b]` or as `- a` lines.
/// Anything else about these keys (a comment, an anchor, a tag, a quoted or flow key, a value over
/// several lines, a key written twice) leaves the fact unknown, and the record is parsed like any
/// other: a record is never left out on a guess. A quoted value or a flow list over several lines
/// (sync writes long texts so) is followed to its end: a line inside it is never taken for a key.
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
        /// Inside a quoted scalar or a flow collection that an earlier line opened: part of that
        /// value, never a key, whatever it reads like.
        var continued = false
    }

    private(set) var lines: [Line] = []
    /// A tab in the indentation, or a quote left open at the end: the lines cannot be told apart.
    private var unreadable = false

    init(_ yaml: [UInt8]) {
        var open = Open.none
        for raw in yaml.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            var text = raw
            while let last = text.last, last == UInt8(ascii: " ") { text = text.dropLast() }
            let indent = text.prefix { $0 == UInt8(ascii: " ") }.count
            text = text.dropFirst(indent)
            if text.first == UInt8(ascii: "\t") { unreadable = true }
            let continued = open != .none
            open = Self.scan(text, from: open)
            guard !text.isEmpty || continued else { continue }
            lines.append(Line(indent: indent, text: text, continued: continued))
        }
        if open != .none { unreadable = true }
    }

    /// The top-level entries; nil when the lines cannot be told apart.
    func entries() -> Entries? {
        unreadable ? nil : Entries(lines: lines[...])
    }

    /// What a line leaves open for the next: a quoted scalar, or a flow collection `depth` deep.
    enum Open: Equatable {
        case none
        case double, single
        case flow(depth: Int, quote: UInt8?)
    }

    /// Follows quotes and brackets where YAML opens them: a value (after `key: ` or `- `) that
    /// starts with a quote or a bracket; inside a plain scalar they are only characters.
    static func scan(_ text: ArraySlice<UInt8>, from open: Open) -> Open {
        var index = text.startIndex
        var state = open
        if state == .none {
            // Past any `- ` and one `key: ` to where the value starts.
            while true {
                if text[index...].starts(with: "- ".utf8) {
                    index += 2
                    while index < text.endIndex, text[index] == UInt8(ascii: " ") { index += 1 }
                    continue
                }
                if let first = text[index...].first, first != UInt8(ascii: "\""), first != UInt8(ascii: "'"),
                   first != UInt8(ascii: "["), first != UInt8(ascii: "{"),
                   let colon = text[index...].firstIndex(where: { $0 == UInt8(ascii: ":") }),
                   colon + 1 == text.endIndex || text[colon + 1] == UInt8(ascii: " ") {
                    index = colon + 1
                    while index < text.endIndex, text[index] == UInt8(ascii: " ") { index += 1 }
                    if text[index...].starts(with: "- ".utf8) { continue }
                }
                break
            }
            guard let first = text[index...].first else { return .none }
            switch first {
            case UInt8(ascii: "\""): state = .double
            case UInt8(ascii: "'"): state = .single
            case UInt8(ascii: "["), UInt8(ascii: "{"): state = .flow(depth: 0, quote: nil)
            default: return .none
            }
            if case .flow = state {} else { index += 1 }
        }
        while index < text.endIndex {
            let byte = text[index]
            switch state {
            case .none:
                return .none
            case .double:
                if byte == UInt8(ascii: "\\") { index += 1 } else if byte == UInt8(ascii: "\"") { return .none }
            case .single:
                if byte == UInt8(ascii: "'") {
                    if index + 1 < text.endIndex, text[index + 1] == UInt8(ascii: "'") { index += 1 } else { return .none }
                }
            case .flow(let depth, let quote?):
                if quote == UInt8(ascii: "\""), byte == UInt8(ascii: "\\") {
                    index += 1
                } else if byte == quote {
                    if quote == UInt8(ascii: "'"), index + 1 < text.endIndex, text[index + 1] == quote { index += 1 } else { state = .flow(depth: depth, quote: nil) }
                }
            case .flow(let depth, nil):
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    state = .flow(depth: depth, quote: byte)
                } else if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") {
                    state = .flow(depth: depth + 1, quote: nil)
                } else if byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") {
                    if depth <= 1 { return .none }
                    state = .flow(depth: depth - 1, quote: nil)
                }
            }
            index += 1
        }
        return state
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
            while end < lines.endIndex, lines[end].continued || lines[end].indent > indent
                    || (lines[end].indent == indent && lines[end].text.first == UInt8(ascii: "-") && line.text.last == UInt8(ascii: ":")) {
                end = lines.index(after: end)
            }
            if line.indent != indent || line.continued {
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
