extension Procedure.LocalAdditions {
    /// These additions with each key `own` writes put in their place, key by key as the schema
    /// lists `dia_phuong`'s keys (`Schema.local`), through the record's own Codable keys: a key
    /// added to the schema and to this model is carried without a line here (one copied by hand
    /// per key once dropped `thoi_han`). A key `own` leaves out keeps the province's value.
    func overlaid(by own: Self) -> Self {
        guard case .object(let base)? = try? ValueEncoding.value(of: self),
              case .object(let mine)? = try? ValueEncoding.value(of: own) else { return own }
        let members = Schema.local.objectFields.map(\.key).compactMap { key -> Value.Member? in
            let written = mine.first { $0.key == key && $0.value != .null } ?? base.first { $0.key == key }
            return written.map { Value.Member(key, $0.value) }
        }
        return (try? ValueDecoding.decode(Self.self, from: .object(members))) ?? own
    }
}
