import Records

/// What the commands say of options that have no meaning in a province's folder.
enum ProvinceOptions: ExplainedError {
    /// Every unit's address comes from `tinh.yml` (or its own `site.yml`).
    case baseURLInTinh

    var explanation: Localized {
        switch self {
        case .baseURLInTinh:
            return Localized(vi: "--base-url không dùng cho cả tỉnh: sửa base_url trong tinh.yml (mỗi đơn vị ở <base_url><tên đơn vị>/), hoặc trong site.yml của đơn vị.",
                             en: "--base-url does not apply to a province: change base_url in tinh.yml (each unit is at <base_url><slug>/), or in the unit's site.yml.")
        }
    }
}
