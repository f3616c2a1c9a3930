import Records

/// A posted form read back into what it stands for: the front-matter keys under `f.` (`f.dia_phuong.lien_he`,
/// `f.cach_thuc.0.kenh`; list items by their number, in numeric order, whatever gaps removing left) as
/// the schema shapes them, and the sections under `muc.N.` (`so`: the section's index in the file
/// the form was made from, empty for a new one; `tieu_de`; `noi_dung`).
public enum FormTree {
    public static let prefix = "f."

    public static func frontMatter(_ form: FormData, shape: ObjectShape) -> WrittenValue {
        let root = Node()
        for pair in form.pairs where pair.name.hasPrefix(prefix) {
            var node = root
            for part in pair.name.dropFirst(prefix.count).split(separator: ".", omittingEmptySubsequences: false) {
                node = node.child(String(part))
            }
            node.text = pair.value
        }
        return value(root, .object(shape)) ?? .keys([])
    }

    public static func sections(_ form: FormData) -> [SectionChange]? {
        var rows: [Int: (index: Int?, title: String, markdown: String)] = [:]
        var any = false
        for pair in form.pairs where pair.name.hasPrefix("muc.") {
            let parts = pair.name.split(separator: ".")
            guard parts.count == 3, let row = Int(parts[1]), row >= 0 else { continue }
            any = true
            var entry = rows[row] ?? (nil, "", "")
            switch parts[2] {
            case "so": entry.index = Int(pair.value)
            case "tieu_de": entry.title = pair.value
            case "noi_dung": entry.markdown = pair.value
            default: continue
            }
            rows[row] = entry
        }
        // A form that shows sections always sends the marker, so that removing the last one is a change.
        guard any || form["muc"] != nil else { return nil }
        return rows.keys.sorted().compactMap { rows[$0] }.map { SectionChange(index: $0.index, title: $0.title, markdown: $0.markdown) }
    }

    final class Node {
        var text: String?
        var children: [String: Node] = [:]

        func child(_ name: String) -> Node {
            if let node = children[name] { return node }
            let node = Node()
            children[name] = node
            return node
        }
    }

    static func value(_ node: Node, _ shape: Shape) -> WrittenValue? {
        switch shape.withoutNull {
        case .object(let object):
            let entries = object.fields.compactMap { field in
                node.children[field.key].flatMap { value($0, field.shape) }.map { WrittenValue.Entry(field.key, $0) }
            }
            return .keys(entries)
        case .list(let item, _):
            let numbered = node.children.compactMap { key, child in Int(key).map { ($0, child) } }.filter { $0.0 >= 0 }
            return .list(numbered.sorted { $0.0 < $1.0 }.map { value($0.1, item) ?? .text("") })
        default:
            return node.text.map(WrittenValue.text)
        }
    }
}
