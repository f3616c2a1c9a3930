import Foundation

/// One row of the portal's public list: only what fetch needs to decide whether to ask for the
/// detail. The list has no change date; the row's own fingerprint is what shows it changed.
public struct ListedProcedure: Sendable, Equatable {
    public var id: String
    /// Trimmed (the list has codes with a leading space); empty when the row has none.
    public var code: String
    public var type: String
    /// Of the whole row as the portal sent it (keys sorted): a renamed or re-filed row differs.
    public var fingerprint: String

    /// `STANDARD_INTERNAL`: between state agencies, never asked for, never published.
    public var isInternal: Bool { type == "STANDARD_INTERNAL" }

    /// A row as the list gives it, or nil when it has no usable id (never asked for: the id is sent
    /// back to the portal and written to the state).
    init?(row: Any) {
        guard let row = row as? [String: Any], let id = row["id"] as? String, Self.isUsableID(id) else { return nil }
        self.id = id
        code = ((row["code"] as? String) ?? (row["codeNotation"] as? String) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        type = (row["type"] as? String) ?? ""
        fingerprint = Fingerprint.of(ExportLine.canonical(row))
    }

    init(id: String, code: String, type: String, fingerprint: String) {
        self.id = id
        self.code = code
        self.type = type
        self.fingerprint = fingerprint
    }

    /// The portal's ids are UUIDs; anything printable and short is accepted, nothing else.
    static func isUsableID(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 100 && id.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F && $0 != "\"" && $0 != "\\" }
    }
}
