import Records

/// The unit's own online service for a procedure, when `tthc fetch` read it from the portal's
/// per-unit list (`site.yml`'s `ma_don_vi`): it replaces the guess from `isFullProcess`.
public enum UnitOnlineService {
    /// The key `tthc fetch` adds to a detail (the portal's own keys are camelCase).
    public static let key = "_tthc_dich_vu_don_vi"

    static func of(_ data: [String: Any]) -> Procedure.OnlineService? {
        guard let service = data[key] as? [String: Any], let text = service["muc_do"] as? String,
              let level = Procedure.OnlineService.Level(rawValue: text) else { return nil }
        return .init(level: level, url: level == .none ? nil : service["url"] as? String)
    }
}
