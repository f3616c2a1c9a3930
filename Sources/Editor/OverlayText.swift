import Records

/// A unit's overlay as the form edits it (docs/province.md). An overlay may be sections alone, or
/// not exist yet; `RecordText` edits files that open with a front matter, so such a file is edited
/// under an empty one (`---` twice), which is taken off again when the form wrote no key into it:
/// a file of sections stays a file of sections, byte for byte.
struct OverlayText {
    /// The bytes the form edits.
    let editable: [UInt8]
    /// The lines put before the file (none when it has a front matter of its own).
    let added: [UInt8]

    /// `overlay` false: a record of a single site, edited as it is.
    init(_ bytes: [UInt8], overlay: Bool = true) {
        guard overlay, !RecordText.opensWithFrontMatter(bytes) else {
            editable = bytes
            added = []
            return
        }
        // In the file's own line breaks.
        added = Array((bytes.contains(13) ? "---\r\n---\r\n" : "---\n---\n").utf8)
        editable = added + bytes
    }

    /// The file to write for `edited` (the editable bytes after the change).
    func written(_ edited: [UInt8]) -> [UInt8] {
        guard !added.isEmpty, edited.starts(with: added) else { return edited }
        return Array(edited.dropFirst(added.count))
    }

    /// A diagnostic of the file as written, at its line in the editable bytes.
    func asEdited(_ diagnostic: Diagnostic) -> Diagnostic {
        var moved = diagnostic
        if !added.isEmpty { moved.line += 2 }
        return moved
    }
}
