/// The messages of a selection and of a province's repository (`tinh.yml`, `don-vi/<slug>/`), in
/// the words of `Problem.swift`: what is wrong, then what to type instead.
extension Problem {
    static func levels(_ levels: [Procedure.Level]) -> String {
        levels.map(\.rawValue).joined(separator: ", ")
    }

    /// A record `chon` of `site.yml` leaves out: the site does not publish it (issue 16).
    public static func notSelected(_ code: String, _ exclusion: SiteConfiguration.Exclusion, by configuration: SiteConfiguration) -> Problem {
        let (vi, en, fixVi, fixEn): (String, String, String, String)
        switch exclusion {
        case .internalProcedure:
            (vi, en) = ("đây là thủ tục nội bộ (`nguon_goc: noi_bo`)", "is an internal procedure (`nguon_goc: noi_bo`)")
            (fixVi, fixEn) = ("Thủ tục nội bộ không bao giờ được đăng; xóa tệp nếu không cần.", "Internal procedures are never published; delete the file if it is not needed.")
        case .removed:
            (vi, en) = ("mã này có trong `chon.bo` của site.yml", "is in `chon.bo` of site.yml")
            (fixVi, fixEn) = ("Bỏ mã \(code) khỏi `chon.bo` để đăng lại, hoặc xóa tệp nếu không cần nữa.",
                              "Take \(code) out of `chon.bo` to publish it again, or delete the file if it is no longer needed.")
        case .otherProvince(let other):
            let announcer = other.map { "tỉnh có mã \($0)" } ?? "một tỉnh không ghi mã (`nguon.co_quan_cong_bo`)"
            let announcerEn = other.map { "the province coded \($0)" } ?? "a province with no code (`nguon.co_quan_cong_bo`)"
            (vi, en) = ("đây là thủ tục đặc thù của \(announcer), không phải của tỉnh \(configuration.province.code) (`tinh.ma`)",
                        "is specific to \(announcerEn), not to the province \(configuration.province.code) (`tinh.ma`)")
            (fixVi, fixEn) = ("Kiểm tra `tinh.ma` của site.yml; nếu đúng, xóa tệp này (thủ tục của tỉnh khác).",
                              "Check `tinh.ma` in site.yml; if it is right, delete this file (another province's procedure).")
        case .level(let levels):
            let selected = Self.levels(configuration.selection.levels)
            (vi, en) = ("thủ tục thực hiện ở cấp \(Self.levels(levels)), không thuộc `chon.cap_thuc_hien` [\(selected)]",
                        "is carried out at \(Self.levels(levels)), not in `chon.cap_thuc_hien` [\(selected)]")
            (fixVi, fixEn) = ("Thêm mã \(code) vào `chon.them` nếu đơn vị vẫn đăng thủ tục này, hoặc xóa tệp.",
                              "Add \(code) to `chon.them` if the unit publishes it all the same, or delete the file.")
        case .sector(let sector):
            (vi, en) = ("thủ tục thuộc lĩnh vực \(sector), không có trong `chon.linh_vuc`", "is in the field \(sector), which is not in `chon.linh_vuc`")
            (fixVi, fixEn) = ("Thêm \(sector) vào `chon.linh_vuc` hoặc mã \(code) vào `chon.them`, hoặc xóa tệp.",
                              "Add \(sector) to `chon.linh_vuc` or \(code) to `chon.them`, or delete the file.")
        }
        return Problem(.notSelected, .warning,
                       vi: "Thủ tục \(code) không được đăng: \(vi).",
                       en: "Procedure \(code) is not published: it \(en).",
                       suggestion: Localized(vi: fixVi, en: fixEn))
    }

    // MARK: - A unit's own part of a procedure (`don-vi/<slug>/thu-tuc/<code>.md`)

    /// A national key written in an overlay: national text changes through the catalogue only.
    static func nationalKeyInOverlay(_ key: String) -> Problem {
        let local = Schema.localKeys.contains(key)
        let fix = local
            ? Localized(vi: "Nếu đây là thông tin riêng của đơn vị, thụt vào hai dấu cách dưới `dia_phuong:` (ví dụ `dia_phuong:` rồi `  \(key): …`).",
                        en: "If this is the unit's own information, indent it by two spaces under `dia_phuong:`.")
            : Localized(vi: "Xóa dòng này: phần quốc gia chỉ thay đổi qua CSDL quốc gia (tthc sync). Thông tin riêng của đơn vị ghi dưới `dia_phuong:`.",
                        en: "Delete this line: the national part changes through the national catalogue only (tthc sync). The unit's own information goes under `dia_phuong:`.")
        return Problem(.nationalInOverlay, .error,
                       vi: "`\(key)` là phần quốc gia của thủ tục; tệp riêng của đơn vị không được sửa phần này.",
                       en: "`\(key)` belongs to the procedure's national part; a unit's own file cannot change it.",
                       suggestion: fix)
    }

    /// An overlay's file name, which must be the code of the procedure it applies to.
    static func overlayName(_ stem: String) -> Problem {
        Problem(.malformedCode, .error,
                vi: "Tên tệp `\(quoted(stem)).md` không phải mã thủ tục: tệp riêng của đơn vị mang tên mã thủ tục nó bổ sung, ví dụ `1.001193.md`.",
                en: "The file name `\(quoted(stem)).md` is not a procedure code: a unit's own file is named after the procedure it adds to, e.g. `1.001193.md`.",
                suggestion: Localized(vi: "Đổi tên tệp thành mã thủ tục (xem `ma_thu_tuc` trong content/thu-tuc/).",
                                      en: "Rename the file after the procedure's code (see `ma_thu_tuc` in content/thu-tuc/)."))
    }

    /// `ma_thu_tuc` in an overlay that is not the code its file is named by.
    static func overlayCode(written: String, file: String) -> Problem {
        Problem(.nationalInOverlay, .error,
                vi: "`ma_thu_tuc` ở đây là `\(quoted(written))` nhưng tệp tên \(file).md: tệp riêng của đơn vị áp dụng cho thủ tục mang tên tệp.",
                en: "`ma_thu_tuc` here is `\(quoted(written))` but the file is named \(file).md: a unit's own file applies to the procedure it is named after.",
                suggestion: Localized(vi: "Xóa dòng `ma_thu_tuc`, hoặc đổi tên tệp thành `\(quoted(written)).md` nếu ý bạn là thủ tục đó.",
                                      en: "Delete the `ma_thu_tuc` line, or rename the file `\(quoted(written)).md` if that procedure is meant."))
    }

    /// A national section (`## Trình tự thực hiện`) in an overlay.
    static func nationalSectionInOverlay(_ title: String) -> Problem {
        Problem(.nationalInOverlay, .error,
                vi: "Mục `## \(title)` là phần quốc gia của thủ tục; tệp riêng của đơn vị không được thay nội dung này.",
                en: "The section `## \(title)` belongs to the procedure's national part; a unit's own file cannot replace it.",
                suggestion: Localized(vi: "Đổi tiêu đề thành một mục riêng của đơn vị, ví dụ `## Lưu ý của đơn vị`; trình tự quốc gia vẫn hiện trên trang.",
                                      en: "Give it a heading of the unit's own, for example `## Lưu ý của đơn vị`; the national steps stay on the page."))
    }

    /// `dia_phuong:` written where it is Markdown text: below the closing `---`, or in a file
    /// without the `---` lines at all. It would be published as text and never read.
    static func localBlockInBody(hasFrontMatter: Bool) -> Problem {
        Problem(.localBlockInBody, .error,
                vi: hasFrontMatter
                    ? "Dòng `dia_phuong:` nằm dưới dòng `---` đóng, trong phần nội dung: nó sẽ hiện thành chữ trên trang và không được đọc."
                    : "Tệp có `dia_phuong:` nhưng không có hai dòng `---` bao quanh: cả tệp bị coi là nội dung, thông tin riêng không được đọc.",
                en: hasFrontMatter
                    ? "`dia_phuong:` is below the closing `---`, in the Markdown body: it would show as text and never be read."
                    : "The file has `dia_phuong:` without the two `---` lines around it: all of it is read as Markdown, and nothing as the unit's information.",
                suggestion: hasFrontMatter
                    ? Localized(vi: "Chuyển khối `dia_phuong:` lên giữa hai dòng `---` ở đầu tệp.", en: "Move the `dia_phuong:` block between the two `---` lines at the top.")
                    : Localized(vi: "Thêm một dòng `---` ở đầu tệp và một dòng `---` sau khối `dia_phuong:`.", en: "Add a `---` line at the top and another after the `dia_phuong:` block."))
    }

    /// A key of an overlay that is neither national nor `dia_phuong`.
    static func unknownOverlayKey(_ key: String, suggestion: String?) -> Problem {
        Problem(.unknownKey, .error,
                vi: "Trường `\(key)` không có trong tệp riêng của đơn vị; tệp này chỉ có `dia_phuong:` và các mục nội dung riêng.",
                en: "Unknown key `\(key)`: a unit's own file holds only `dia_phuong:` and sections of its own.",
                suggestion: didYouMean(suggestion))
    }

    // MARK: - The province and its units

    /// A unit folder's name, which is its address under the province's portal.
    public static func invalidSlug(_ name: String, suggestion: String?) -> Problem {
        Problem(.invalidSlug, .error,
                vi: "Tên thư mục đơn vị `\(quoted(name))` không dùng được làm địa chỉ web: chỉ chữ thường không dấu a–z, chữ số và dấu gạch ngang giữa các từ.",
                en: "The unit folder's name `\(quoted(name))` cannot be a web address: only lowercase a–z, digits and single hyphens between words.",
                suggestion: suggestion.map { Localized(vi: "Đổi tên thư mục thành `\($0)`.", en: "Rename the folder `\($0)`.") })
    }

    /// A unit folder named like a folder the province's output already has: which one, what the
    /// province keeps there, and the name to give instead.
    public static func reservedSlug(_ name: String) -> Problem {
        let kept = name == ProvinceConfiguration.ownSlug
            ? Localized(vi: "nơi đăng các thủ tục của chính tỉnh (theo tinh.yml)", en: "where the province's own procedures are published (from tinh.yml)")
            : Localized(vi: "nơi để giao diện dùng chung cho trang của mọi đơn vị (CSS, mã tìm kiếm)", en: "where the theme files every unit's pages share are kept (CSS, the search script)")
        return Problem(.invalidSlug, .error,
                       vi: "Tên thư mục đơn vị `\(name)` trùng tên thư mục chung của trang tỉnh (`\(name)/`), \(kept.vi): trang của đơn vị này sẽ nằm cùng địa chỉ và đè lên nó.",
                       en: "The unit folder's name `\(name)` is the name of a folder the province's site itself uses (`\(name)/`), \(kept.en): this unit's pages would be at that address and overwrite it.",
                       suggestion: Localized(vi: "Đổi tên thư mục, ví dụ `xa-\(name)` (tên thư mục cũng là địa chỉ của đơn vị trên cổng của tỉnh).",
                                             en: "Rename the folder, for example `xa-\(name)` (the folder's name is also the unit's address under the province's portal)."))
    }

    /// Two units that would be published at one address, or one unit folder reached twice.
    public static func duplicateUnit(_ what: Localized, other: String) -> Problem {
        Problem(.duplicateUnit, .error,
                vi: "\(what.vi) trùng với đơn vị \(other).",
                en: "\(what.en) is the same as the unit \(other)'s.",
                suggestion: Localized(vi: "Mỗi đơn vị một thư mục và một địa chỉ riêng: sửa hoặc xóa một trong hai.",
                                      en: "Each unit needs a folder and an address of its own: change or remove one of them."))
    }

    /// `tinh.ma` of a unit that is not the province's.
    public static func unitProvince(written: String, province: String) -> Problem {
        Problem(.unitProvince, .error,
                vi: "Đơn vị ghi tỉnh `\(quoted(written))` nhưng tinh.yml là tỉnh `\(province)`: mọi đơn vị trong kho thuộc tỉnh của tinh.yml.",
                en: "The unit names the province `\(quoted(written))` but tinh.yml is the province `\(province)`: every unit of the repository is of tinh.yml's province.",
                suggestion: Localized(vi: "Xóa khối `tinh:` khỏi site.yml của đơn vị (tỉnh lấy từ tinh.yml).",
                                      en: "Delete the `tinh:` block from the unit's site.yml (the province comes from tinh.yml)."))
    }

    /// A folder under `don-vi/` without its `site.yml`.
    public static func unitWithoutSite(_ folder: String) -> Problem {
        Problem(.unitWithoutSite, .error,
                vi: "Thư mục đơn vị \(folder) không có site.yml nên không tạo được trang của đơn vị.",
                en: "The unit folder \(folder) has no site.yml, so the unit's site cannot be made.",
                suggestion: Localized(vi: "Tạo đơn vị bằng `tthc init \(folder) --ten \"UBND xã …\"`, hoặc xóa thư mục nếu nhầm.",
                                      en: "Make the unit with `tthc init \(folder) --ten \"UBND xã …\"`, or delete the folder if it is a mistake."))
    }

    /// A unit's `thu-tuc` that is not a folder: none of the unit's own parts can be read.
    public static func overlaysNotAFolder(_ folder: String) -> Problem {
        Problem(.notAFile, .error,
                vi: "\(folder) phải là thư mục chứa các tệp <mã thủ tục>.md (phần riêng của đơn vị); đây không phải thư mục.",
                en: "\(folder) must be a folder of <code>.md files (the unit's own parts); this is not a folder.",
                suggestion: Localized(vi: "Đổi tên hoặc xóa mục này, rồi tạo thư mục \(folder).", en: "Rename or remove it, then make the folder \(folder)."))
    }

    /// A pool record that no unit of the province selects.
    public static let unusedRecord = Problem(
        .unusedRecord, .warning,
        vi: "Không đơn vị nào trong tỉnh đăng thủ tục này (theo `chon` của các don-vi/*/site.yml và tinh.yml); tệp được giữ nhưng không có trang.",
        en: "No unit of the province publishes this procedure (by the `chon` of every don-vi/*/site.yml and tinh.yml); the file is kept but has no page.",
        suggestion: Localized(vi: "Thêm mã vào `chon.them` của đơn vị cần đăng, hoặc xóa tệp nếu không đơn vị nào cần nữa.",
                              en: "Add the code to `chon.them` of the unit that publishes it, or delete the file if no unit needs it."))

    /// An overlay whose procedure the unit does not publish.
    public static func overlayWithoutRecord(_ code: String, inPool: Bool) -> Problem {
        let (vi, en) = inPool
            ? ("đơn vị không đăng thủ tục \(code) (theo `chon` của site.yml)", "the unit does not publish \(code) (by `chon` of its site.yml)")
            : ("kho chung content/thu-tuc/ không có thủ tục \(code)", "the pool content/thu-tuc/ has no procedure \(code)")
        return Problem(.overlayWithoutRecord, .warning,
                       vi: "Tệp riêng này không được dùng: \(vi).",
                       en: "This file is not used: \(en).",
                       suggestion: inPool
                           ? Localized(vi: "Thêm \(code) vào `chon.them` của site.yml để đăng thủ tục, hoặc xóa tệp.",
                                       en: "Add \(code) to `chon.them` of site.yml to publish the procedure, or delete the file.")
                           : Localized(vi: "Kiểm tra mã trong tên tệp; thủ tục mới có sau lần `tthc sync` kế tiếp nếu một đơn vị chọn nó.",
                                       en: "Check the code in the file's name; a new procedure arrives with the next `tthc sync` if a unit selects it."))
    }

    /// A unit's own procedure (`nguon.he_thong: dia_phuong`) whose code is a procedure of the
    /// pool: one code, one page. The same stable code as two files of one code on a single site.
    public static func ownCodeInPool(_ code: String, poolFile: String) -> Problem {
        Problem(.duplicateCode, .error,
                vi: "Mã thủ tục `\(code)` đã là mã của thủ tục `\(poolFile)` trong kho chung của tỉnh; thủ tục riêng của đơn vị phải có mã khác.",
                en: "Procedure code `\(code)` is already the code of `\(poolFile)` in the province's pool; a unit's own procedure needs another code.",
                suggestion: Localized(vi: "Nếu đây là phần bổ sung cho thủ tục đó, chỉ giữ `dia_phuong` và các mục riêng (xóa `nguon` và các trường quốc gia); nếu là thủ tục khác, chọn mã khác và đổi tên tệp theo mã.",
                                      en: "If this adds to that procedure, keep only `dia_phuong` and the unit's own sections (delete `nguon` and the national keys); if it is another procedure, choose another code and rename the file after it."))
    }

    /// A unit whose selection picks nothing from the pool: its site would list no procedure.
    public static func emptySelection(pool: Int) -> Problem {
        Problem(.emptySelection, .warning,
                vi: "`chon` của đơn vị không chọn thủ tục nào trong \(pool) thủ tục của kho chung: trang của đơn vị sẽ trống.",
                en: "The unit's `chon` selects none of the pool's \(pool) procedures: its site would be empty.",
                suggestion: Localized(vi: "Kiểm tra `chon.cap_thuc_hien` và `chon.linh_vuc`, rồi chạy `tthc sync` ở thư mục tỉnh.",
                                      en: "Check `chon.cap_thuc_hien` and `chon.linh_vuc`, then run `tthc sync` at the province's folder."))
    }

    /// A file tthc does not read where a clerk may expect it to be read.
    public static func ignoredFile(_ hint: Localized) -> Problem {
        Problem(.ignoredFile, .warning,
                vi: "tthc không đọc tệp này: \(hint.vi)",
                en: "tthc does not read this file: \(hint.en)",
                suggestion: nil)
    }
}
