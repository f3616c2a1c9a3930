import Records

/// The unit's own online service for a procedure, when `tthc fetch` read it from the portal's
/// per-unit list (`site.yml`'s `ma_don_vi`): it replaces the guess from `isFullProcess`.
public enum UnitOnlineService {
    /// The key `tthc fetch` adds to a detail (the portal's own keys are camelCase).
    public static let key = "_tthc_dich_vu_don_vi"

    /// Read through the export's boundary like every other value: an export made elsewhere may
    /// carry the key too, and an address `tthc check` would refuse is dropped, not written.
    static func of(_ data: [String: Any], _ values: ExportValues) -> Procedure.OnlineService? {
        guard let service = values.object(data[key]),
              let level = Procedure.OnlineService.Level(rawValue: values.word(service["muc_do"])) else { return nil }
        let url = values.line(service["url"]).flatMap { Syntax.isWebAddress($0) ? $0 : nil }
        return .init(level: level, url: level == .none ? nil : url)
    }
}
