import Records

/// A record rewritten with a new national part and its local part kept byte for byte: the
/// `dia_phuong` block and the unit's own sections are copied from the file as written, and the
/// file keeps its line endings and byte order mark.
enum RecordSplice {
    static func text(_ part: NationalPart, keepingLocalPartsOf record: Record) -> String {
        var procedure = part.procedure
        var block = record.localBlock ?? ""
        if record.localBlock == nil, let local = record.procedure?.local {
            // Written in a form the line-based copy cannot take (flow style): written canonically.
            procedure.local = local
            block = ""
        }
        var text = "---\n" + RecordWriter.frontMatter(of: procedure) + block + "---\n"
        let sections = record.body.sections
        if let preamble = sections.first(where: { $0.title == nil }) { text += "\n" + preamble.raw + "\n" }
        text += RecordWriter.bodyText(part.sections)
        for section in sections where section.title != nil && !section.isNational {
            text += "\n" + section.raw + "\n"
        }
        if record.style.crlf { text = text.replacingOccurrences(of: "\n", with: "\r\n") }
        if record.style.byteOrderMark { text = "\u{FEFF}" + text }
        return text
    }
}
