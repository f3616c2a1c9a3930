/// Where, in this file, the `dia_phuong` line an advice asks for goes, said so that typing it
/// there gives valid YAML: the clerk follows the words literally, and a line pasted into the
/// wrong shape of block is an error of its own.
extension Record {
    /// `example` is the line without indentation (`thoi_han: "…"`).
    func whereToWrite(_ example: String) -> Localized {
        if let localPartsFolder {
            // A province's pool is sync's alone: each unit writes its own part in its overlay.
            let overlay = "\(localPartsFolder)/\(fileName)"
            return Localized(vi: "Ở tỉnh, mỗi đơn vị ghi trong tệp phần riêng `\(overlay)` của mình: hai dòng `dia_phuong:` và `  \(example)` giữa hai dòng `---` (không sửa tệp `\(path)` của kho chung).",
                             en: "In a province, each unit writes it in its own part, `\(overlay)`: the two lines `dia_phuong:` and `  \(example)` between the two `---` lines (never in the pool's `\(path)`).")
        }
        guard let block = localLines, let text = localBlock else {
            let closing = body.firstLine - 1
            return Localized(vi: "Thêm hai dòng `dia_phuong:` và `  \(example)` ngay trên dòng `---` ở dòng \(closing).",
                             en: "Add the two lines `dia_phuong:` and `  \(example)` right above the `---` on line \(closing).")
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        let key = String(example.prefix { $0 != ":" })
        // The key already there, blank: written on its own line, never a second key (an error).
        if let index = lines.indices.dropFirst().first(where: { lines[$0].drop { $0 == " " }.hasPrefix(key + ":") }) {
            return Localized(vi: "Ghi nội dung vào dòng `\(key):` ở dòng \(block.lowerBound + index), ví dụ `\(example)`.",
                             en: "Write it on the `\(key):` line, line \(block.lowerBound + index), e.g. `\(example)`.")
        }
        // `dia_phuong: {…}` or `dia_phuong: null` on the key's own line: no line can be added below it.
        let inline = (lines.first?.drop { $0 != ":" }.dropFirst() ?? "").drop { $0 == " " }
        let value = inline.hasPrefix("#") ? "" : inline.prefix { $0 != "#" }.trimmingSpaces()
        if value.hasPrefix("{") {
            let others = value.dropFirst().drop { $0 == " " }.hasPrefix("}") ? "" : ", "
            return Localized(vi: "Thêm `\(example)\(others)` ngay sau dấu `{` ở dòng \(block.lowerBound).",
                             en: "Add `\(example)\(others)` right after the `{` on line \(block.lowerBound).")
        }
        if !value.isEmpty {
            return Localized(vi: "Thay dòng `dia_phuong: \(value)` ở dòng \(block.lowerBound) bằng hai dòng `dia_phuong:` và `  \(example)`.",
                             en: "Replace the line `dia_phuong: \(value)` on line \(block.lowerBound) with the two lines `dia_phuong:` and `  \(example)`.")
        }
        // Indented as the block's own lines are, or the line would not be inside it.
        let indent = lines.dropFirst().first { !$0.allSatisfy { $0 == " " } && !$0.drop { $0 == " " }.hasPrefix("#") }
            .map { String($0.prefix { $0 == " " }) } ?? "  "
        return Localized(vi: "Thêm dòng `\(indent)\(example)` vào khối `dia_phuong:` ở dòng \(block.lowerBound).",
                         en: "Add the line `\(indent)\(example)` to the `dia_phuong:` block on line \(block.lowerBound).")
    }
}

