/// A province's repository (docs/province.md): `tinh.yml` at its root, and a `site.yml` per unit
/// under `don-vi/<slug>/`, both made from the single site's `Schema.site` so the three stay one format.
extension Schema {
    /// `tinh.yml`: the province, its portal, and what it publishes itself, if anything (the keys of
    /// a unit's `site.yml` but its level, province and address, which are the province's own).
    public static let province = ObjectShape([
        Field("ma", .text(lines: .one), .required, "mã UBND tỉnh trên dữ liệu quốc gia, ví dụ H35"),
        Field("ten", .text(lines: .one), .required, "tên tỉnh, thành phố, ví dụ Tỉnh Lai Châu"),
        Field("base_url", .baseURL, .required,
              "địa chỉ trang của tỉnh trên cổng; mỗi đơn vị ở <base_url><tên thư mục>/ trừ khi site.yml ghi base_url riêng"),
    ] + site.fields.filter { !["cap", "tinh", "base_url"].contains($0.key) }.map { field in
        var field = field
        // Only `chon` makes the province publish procedures of its own; its name has a default.
        field.requirement = .optional
        if field.key == "chon" { field.meaning = "thủ tục tỉnh tự đăng (tại <base_url>tinh/), như chon của site.yml; không ghi: tỉnh chỉ đăng danh sách đơn vị" }
        if field.key == "ten_don_vi" { field.meaning = "tên cơ quan khi tỉnh tự đăng thủ tục, mặc định \"UBND \" + ten" }
        return field
    })

    /// A unit's `site.yml` in a province: its province comes from `tinh.yml`, and its address is
    /// `<tinh base_url><slug>/` unless it gives one.
    public static let unitSite = ObjectShape(site.fields.map { field in
        var field = field
        if field.key == "tinh" {
            field.requirement = .optional
            field.meaning = "không cần ghi: tỉnh lấy từ tinh.yml (nếu ghi, mã phải trùng)"
        }
        if field.key == "base_url" {
            field.requirement = .optional
            field.meaning = "không cần ghi: mặc định <base_url của tinh.yml><tên thư mục>/"
        }
        return field
    }, rules: site.rules)

    /// The keys of `dia_phuong`: what only the unit knows.
    public static var localKeys: [String] {
        guard case .object(let shape) = local else { return [] }
        return shape.fields.map(\.key)
    }
}
