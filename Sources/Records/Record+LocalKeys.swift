extension Record {
    /// `dia_phuong`'s keys written at the top level, as when the block's lines lost their
    /// indentation: a key the national part also has (`dia_diem_tiep_nhan`) would silently become
    /// national data, the others would be refused as unknown keys. Each is reported at its key,
    /// with the line as it should be written; a key of the national part counts only below
    /// `dia_phuong:`, where sync never writes one.
    static func misplacedLocalKeys(in root: YAMLNode, yaml: String) -> [LocatedProblem] {
        guard case .mapping(let pairs, _) = root else { return [] }
        let localKeys = Set(Schema.local.objectFields.map(\.key))
        let nationalKeys = Set(Schema.procedure.fields.map(\.key))
        let block = pairs.firstIndex { $0.key.scalar?.string == "dia_phuong" }
        var lines: [Substring]?
        var found: [LocatedProblem] = []
        for (index, pair) in pairs.enumerated() {
            guard let key = pair.key.scalar?.string, localKeys.contains(key) else { continue }
            let belowBlock = block.map { index > $0 } ?? false
            if nationalKeys.contains(key) && !belowBlock { continue }
            let mark = pair.key.mark
            if lines == nil { lines = Body.lines(yaml) }
            let line = lines.flatMap { mark.line <= $0.count ? String($0[mark.line - 1]) : nil } ?? "\(key): …"
            found.append(LocatedProblem(line: mark.line, column: mark.column,
                                        problem: .localKeyOutsideBlock(key, indented: "  " + line.trimmingSpaces(), blockExists: block != nil)))
        }
        return found
    }
}
