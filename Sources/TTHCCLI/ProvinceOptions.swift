import Records
import Site

/// What the commands say of options that have no meaning in a province's folder.
enum ProvinceOptions: ExplainedError {
    /// Every unit's address comes from `tinh.yml` (or its own `site.yml`).
    case baseURLInTinh
    /// A command that works on one unit's site, run at a province's folder.
    case oneUnitOnly(command: String)
    /// A province with no unit yet: nothing to select procedures for.
    case noUnit

    var explanation: Localized {
        switch self {
        case .baseURLInTinh:
            return Localized(vi: "--base-url không dùng cho cả tỉnh: sửa base_url trong tinh.yml (mỗi đơn vị ở <base_url><tên đơn vị>/), hoặc trong site.yml của đơn vị.",
                             en: "--base-url does not apply to a province: change base_url in tinh.yml (each unit is at <base_url><slug>/), or in the unit's site.yml.")
        case .oneUnitOnly(let command):
            let name = command.isEmpty ? "lệnh này" : "tthc \(command)"
            let nameEn = command.isEmpty ? "this command" : "tthc \(command)"
            return Localized(vi: "đây là thư mục của một tỉnh (tinh.yml); \(name) chưa làm việc trên cả tỉnh. Thủ tục chung do tthc sync ghi; phần riêng của đơn vị ghi vào don-vi/<tên>/thu-tuc/<mã>.md; báo cáo của mỗi đơn vị có ở public/<tên>/bao-cao/ sau tthc build.",
                             en: "this is a province's folder (tinh.yml); \(nameEn) does not work on a whole province yet. The pool is written by tthc sync; a unit's own part goes in don-vi/<slug>/thu-tuc/<code>.md; each unit's report is in public/<slug>/bao-cao/ after tthc build.")
        case .noUnit:
            return Localized(vi: "tỉnh chưa có đơn vị nào để chọn thủ tục: thêm đơn vị bằng tthc init don-vi/<tên> --ten \"UBND xã …\".",
                             en: "the province has no unit to select procedures for yet: add one with tthc init don-vi/<slug> --ten \"UBND xã …\".")
        }
    }
}
