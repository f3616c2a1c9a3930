extension RecordText {
    /// The body's sections as the form now holds them: a changed title rewrites its heading line,
    /// changed text the lines between its first and last written line; a section the form no
    /// longer holds is removed, a new one added at the end. Sections `editable` refuses are kept.
    func editSections(_ rows: [SectionChange], editable: (Body.Section) -> Bool, edits: inout [LineEdit],
                      changed: inout [String], lines: inout [[UInt8]], breaks: inout [[UInt8]]) -> [Int: Int] {
        let sections = record.body.sections
        func span(_ index: Int) -> (first: Int, last: Int) {
            (sections[index].line, index + 1 < sections.count ? sections[index + 1].line - 1 : lines.count)
        }
        func markdownLines(_ text: String) -> [[UInt8]] {
            let normal = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n").trimmingWhitespace()
            return normal.isEmpty ? [] : normal.utf8.split(separator: 10, omittingEmptySubsequences: false).map(Array.init)
        }
        var rowOf: [Int: Int] = [:]
        for (row, change) in rows.enumerated() {
            if let index = change.index, sections.indices.contains(index), sections[index].title != nil, editable(sections[index]),
               rowOf[index] == nil {
                rowOf[index] = row
            }
        }
        var newIndex = 0
        var sectionRows: [Int: Int] = [:]
        for (index, section) in sections.enumerated() {
            guard section.title != nil, editable(section) else {
                newIndex += 1
                continue
            }
            let (first, last) = span(index)
            let row = rowOf[index]
            let change = row.map { rows[$0] }
            let newText = change.map { markdownLines($0.markdown) } ?? []
            let newTitle = change?.title.trimmingWhitespace() ?? ""
            guard let row, !(newTitle.isEmpty && newText.isEmpty) else {
                changed.append("muc.\(index)")
                edits.append(LineEdit(first: first - 1, count: last - first + 1, replacement: [], order: edits.count))
                continue
            }
            sectionRows[newIndex] = row
            newIndex += 1
            if !newTitle.isEmpty, newTitle.nfc != section.title {
                changed.append("muc.\(row).tieu_de")
                edits.append(LineEdit(first: first - 1, count: 1, replacement: [Array(("## " + newTitle).utf8)], order: edits.count))
            }
            let oldText = markdownLines(section.markdown)
            guard newText.map({ String(decoding: $0, as: UTF8.self).nfc }) != oldText.map({ String(decoding: $0, as: UTF8.self).nfc }) else { continue }
            changed.append("muc.\(row).noi_dung")
            let content = (first + 1)...max(first + 1, last)
            let written = content.filter { $0 <= last && !lines[$0 - 1].allSatisfy { $0 == 32 || $0 == 9 } }
            if let top = written.first, let bottom = written.last {
                edits.append(LineEdit(first: top - 1, count: bottom - top + 1, replacement: newText, order: edits.count))
            } else {
                let gap: [[UInt8]] = index + 1 < sections.count ? [[]] : []
                edits.append(LineEdit(first: first, count: 0, replacement: [[]] + newText + gap, order: edits.count))
            }
        }
        // A row naming no section of this file is new (one naming a section the form may not change is not).
        let added = rows.enumerated().filter { row in row.element.index.map { !sections.indices.contains($0) } ?? true }
        for (row, change) in added {
            let title = change.title.trimmingWhitespace()
            let text = markdownLines(change.markdown)
            guard !title.isEmpty || !text.isEmpty else { continue }
            if let last = breaks.indices.last, breaks[last].isEmpty, !lines[last].isEmpty { breaks[last] = newline }
            let blank: [[UInt8]] = lines.last?.isEmpty == false ? [[]] : []
            let heading = Array(("## " + (title.isEmpty ? "Ghi chú của đơn vị" : title)).utf8)
            edits.append(LineEdit(first: lines.count, count: 0, replacement: blank + [heading, []] + text, order: edits.count))
            changed.append("muc.\(row)")
            sectionRows[newIndex] = row
            newIndex += 1
        }
        return sectionRows
    }
}
