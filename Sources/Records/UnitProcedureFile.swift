/// A file of a unit's `thu-tuc/` folder in a province (`don-vi/<slug>/thu-tuc/<code>.md`): the
/// unit's part of a pool procedure (an overlay), or a whole procedure of its own. An overlay may
/// never hold a national key, so the source key tells them apart: a front matter whose
/// `nguon.he_thong` is `dia_phuong` is the unit's own record, read and validated as a single
/// site's local record is; anything else is an overlay, with the overlay's messages.
public enum UnitProcedureFile: Sendable {
    case overlay(Overlay)
    case own(Record)

    /// The key whose `he_thong: dia_phuong` makes a unit's file its own record.
    public static let sourceKey = "nguon"

    public static func read(bytes: [UInt8], path: String) -> UnitProcedureFile {
        isOwnRecord(bytes) ? .own(Record.read(bytes: bytes, path: path)) : .overlay(Overlay.read(bytes: bytes, path: path))
    }

    /// Does the front matter say `nguon: {he_thong: dia_phuong}`? A file that cannot be read that
    /// far (not UTF-8, no front matter, broken YAML) is an overlay: its reader reports why, in the
    /// same words the record's reader would.
    public static func isOwnRecord(_ bytes: [UInt8]) -> Bool {
        guard bytes.count <= Record.maximumFileSize, let source = try? SourceText(bytes: bytes),
              let split = try? FrontMatterSplit(source.text),
              let root = FrontMatterParser.parse(split.yaml, firstLine: split.yamlFirstLine).root else { return false }
        let system = root.valueNode(forKey: sourceKey)?.valueNode(forKey: "he_thong")?.scalar?.string
        return system?.trimmingWhitespace() == Procedure.Source.System.local.rawValue
    }
}
