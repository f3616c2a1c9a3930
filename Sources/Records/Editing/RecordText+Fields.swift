extension RecordText {
    /// The form's field each diagnostic belongs to: the key path of the value (or key) it is
    /// reported at (`cach_thuc.0.phi_le_phi.0.so_tien`), `muc.N` for a section (the form's row
    /// `sectionRows` gives), nil for what no field shows (the record as a whole).
    public func fields(of diagnostics: [Diagnostic], sectionRows: [Int: Int]) -> [String?] {
        var places: [Int: [(column: Int, path: String, depth: Int)]] = [:]
        func visit(_ node: YAMLNode, _ path: String, _ depth: Int) {
            places[fileLine(node.mark.line), default: []].append((node.mark.column, path, depth))
            switch node {
            case .scalar: break
            case .sequence(let items, _):
                for (index, item) in items.enumerated() { visit(item, join(path, String(index)), depth + 1) }
            case .mapping(let pairs, _):
                for pair in pairs {
                    guard let key = pair.key.scalar?.string.nfc else { continue }
                    let child = join(path, key)
                    places[fileLine(pair.key.mark.line), default: []].append((pair.key.mark.column, child, depth + 1))
                    visit(pair.value, child, depth + 1)
                }
            }
        }
        func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }
        visit(root, "", 0)
        let sections = record.body.sections
        return diagnostics.map { diagnostic in
            if diagnostic.line > closingLine {
                guard let index = sections.lastIndex(where: { $0.line <= diagnostic.line }), let row = sectionRows[index] else { return nil }
                return "muc.\(row)"
            }
            let onLine = places[diagnostic.line] ?? []
            let exact = onLine.filter { $0.column == diagnostic.column }
            // What is missing from a mapping is said at the mapping, which starts where its first key does.
            let container: Set<Problem.Code> = [.missingKey, .incomplete, .tooFewItems]
            let chosen = container.contains(diagnostic.problem.code)
                ? exact.min { $0.depth < $1.depth }
                : exact.max { $0.depth < $1.depth } ?? onLine.filter { $0.column <= diagnostic.column }.max { $0.column < $1.column }
            guard let path = chosen?.path, !path.isEmpty else { return nil }
            return path
        }
    }
}
