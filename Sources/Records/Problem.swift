/// What is wrong, independent of where: a stable code, a severity, a message and perhaps a suggestion.
///
/// Every message the validator can produce is written here, in Vietnamese for commune staff
/// and in English for developers, so that they can be reviewed together.
public struct Problem: Sendable, Hashable, Codable {
    public enum Code: String, Sendable, CaseIterable, Codable {
        // Errors: the site is not built.
        case notUTF8 = "not-utf8"
        case frontMatterMissing = "front-matter-missing"
        case frontMatterUnclosed = "front-matter-unclosed"
        case yamlSyntax = "yaml-syntax"
        case duplicateKey = "duplicate-key"
        case unknownKey = "unknown-key"
        case missingKey = "missing-key"
        case wrongType = "wrong-type"
        case emptyValue = "empty-value"
        case tooFewItems = "too-few-items"
        case notInVocabulary = "not-in-vocabulary"
        case malformedCode = "malformed-code"
        case malformedDate = "malformed-date"
        case malformedURL = "malformed-url"
        case controlCharacter = "control-character"
        case negativeAmount = "negative-amount"
        case duplicateCode = "duplicate-code"
        case brokenLink = "broken-link"
        case brokenAnchor = "broken-anchor"
        case internalProcedure = "internal-procedure"
        case tooLarge = "too-large"
        case tooDeep = "too-deep"
        case tooMuchText = "too-much-text"
        case tooManyRecords = "too-many-records"
        case unsafeLink = "unsafe-link"
        case outsideSite = "outside-site"
        case notAFile = "not-a-file"
        /// `tthc bao-cao --nguong`: a procedure that keeps the unit below an indicator's threshold.
        case belowThreshold = "below-threshold"
        case duplicateSection = "duplicate-section"
        case sectionHeading = "section-heading"
        case headingInNationalSection = "heading-in-national-section"
        case frontMatterInBody = "front-matter-in-body"
        case localKeyOutsideBlock = "local-key-outside-block"
        case nonBreakingSpace = "non-breaking-space"
        case templateSyntax = "template-syntax"
        case templateMissing = "template-missing"
        // A province's repository (`Problem+Province.swift`).
        case nationalInOverlay = "national-in-overlay"
        case invalidSlug = "invalid-slug"
        case duplicateUnit = "duplicate-unit"
        case unitProvince = "unit-province"
        case unitWithoutSite = "unit-without-site"
        case localBlockInBody = "local-block-in-body"
        // Warnings: the site is built; `--strict` makes them errors.
        case incomplete = "incomplete"
        case legacyLevel = "legacy-level"
        case rawHTML = "raw-html"
        case notNFC = "not-nfc"
        case amountWithoutDescription = "amount-without-description"
        case durationWithoutDescription = "duration-without-description"
        case unpublishedRelated = "unpublished-related"
        case fileNameMismatch = "file-name-mismatch"
        case changeLogLine = "change-log-line"
        case commentInValue = "comment-in-value"
        case typographicQuotes = "typographic-quotes"
        case strayQuote = "stray-quote"
        case unclosedQuote = "unclosed-quote"
        /// A record the site's selection leaves out (issue 16): reported, not published.
        case notSelected = "not-selected"
        // A province's repository (`Problem+Province.swift`).
        case unusedRecord = "unused-record"
        case overlayWithoutRecord = "overlay-without-record"
        case emptySelection = "empty-selection"
        case ignoredFile = "ignored-file"
    }

    public var code: Code
    public var severity: Diagnostic.Severity
    public var message: Localized
    public var suggestion: Localized?
    /// How the problem reads when the national record is where it is (`Problem+NationalData`):
    /// nil for a problem only the unit's own text or files can have.
    public var inNationalData: NationalReading?

    public init(_ code: Code, _ severity: Diagnostic.Severity, vi: String, en: String, suggestion: Localized? = nil,
                inNationalData: NationalReading? = nil) {
        self.code = code
        self.severity = severity
        self.message = Localized(vi: vi, en: en)
        self.suggestion = suggestion
        self.inNationalData = inNationalData
    }
}

// MARK: - The catalogue of problems

extension Problem {
    static func didYouMean(_ candidate: String?) -> Localized? {
        candidate.map { Localized(vi: "Có phải ý bạn là `\($0)`?", en: "Did you mean `\($0)`?") }
    }

    public static func notUTF8(byteOffset: Int) -> Problem {
        Problem(.notUTF8, .error,
                vi: "Tệp không phải văn bản UTF-8 (byte lỗi ở vị trí \(byteOffset)). Có thể tệp được lưu bằng bảng mã cũ TCVN3 (ABC) hoặc VNI.",
                en: "The file is not UTF-8 text (bad byte at offset \(byteOffset)); it may use a legacy Vietnamese encoding (TCVN3/ABC or VNI).",
                suggestion: Localized(vi: "Mở tệp bằng trình soạn thảo và lưu lại với bảng mã Unicode UTF-8 (hoặc chuyển mã bằng Unikey).",
                                      en: "Re-save the file as UTF-8 (for example convert it with Unikey's converter)."))
    }

    static let frontMatterMissing = Problem(
        .frontMatterMissing, .error,
        vi: "Thiếu phần thông tin đầu tệp: tệp phải bắt đầu bằng một dòng `---`.",
        en: "Front matter missing: the file must start with a `---` line.",
        suggestion: Localized(vi: "Thêm dòng `---` ở đầu tệp, các trường thông tin, rồi một dòng `---` nữa trước phần nội dung.",
                              en: "Start the file with `---`, the fields, then another `---` line before the body."))

    static let frontMatterUnclosed = Problem(
        .frontMatterUnclosed, .error,
        vi: "Phần thông tin đầu tệp mở bằng `---` nhưng không có dòng `---` đóng lại.",
        en: "Front matter opened with `---` is never closed by another `---` line.",
        suggestion: Localized(vi: "Thêm một dòng chỉ có `---` sau trường thông tin cuối cùng.",
                              en: "Add a line containing only `---` after the last field."))

    static func yamlSyntax(vi: String, en: String) -> Problem {
        Problem(.yamlSyntax, .error,
                vi: "Lỗi cú pháp YAML: \(vi). Kiểm tra dấu hai chấm, thụt lề (dùng dấu cách, không dùng Tab) và dấu ngoặc kép.",
                en: "YAML syntax error: \(en).")
    }

    static func duplicateKey(_ key: String) -> Problem {
        Problem(.duplicateKey, .error,
                vi: "Trường `\(key)` được khai báo hai lần trong cùng một khối.",
                en: "Key `\(key)` appears twice in the same mapping.",
                suggestion: Localized(vi: "Giữ lại một lần khai báo `\(key)` và xóa lần còn lại.",
                                      en: "Keep one `\(key)` and delete the other."))
    }

    static func unknownKey(_ key: String, suggestion: String?) -> Problem {
        Problem(.unknownKey, .error,
                vi: "Trường `\(key)` không có trong mẫu hồ sơ thủ tục.",
                en: "Unknown key `\(key)`.",
                suggestion: didYouMean(suggestion))
    }

    static func unknownSiteKey(_ key: String, suggestion: String?) -> Problem {
        Problem(.unknownKey, .error,
                vi: "Trường `\(key)` không có trong cấu hình trang (site.yml).",
                en: "Unknown key `\(key)` in the site configuration.",
                suggestion: didYouMean(suggestion))
    }

    static func missingKey(_ key: String) -> Problem {
        Problem(.missingKey, .error,
                vi: "Thiếu trường bắt buộc `\(key)`.",
                en: "Required key `\(key)` is missing.",
                suggestion: Localized(vi: "Thêm dòng `\(key): …` vào khối này.", en: "Add `\(key): …` to this mapping."))
    }

    static func emptyValue(_ key: String) -> Problem {
        Problem(.emptyValue, .error,
                vi: "`\(key)` đang để trống.",
                en: "`\(key)` is empty.",
                suggestion: Localized(vi: "Điền nội dung vào giữa hai dấu ngoặc kép, hoặc xóa dòng nếu mục này không bắt buộc.",
                                      en: "Fill it in, or remove the line if the key is optional."))
    }

    static func tooFewItems(_ key: String, minimum: Int) -> Problem {
        Problem(.tooFewItems, .error,
                vi: "Danh sách `\(key)` phải có ít nhất \(minimum) mục, ở đây đang trống.",
                en: "The list `\(key)` needs at least \(minimum) item\(minimum == 1 ? "" : "s"); it is empty.",
                suggestion: Localized(vi: "Thêm mục vào danh sách, mỗi mục một dòng bắt đầu bằng `- `.",
                                      en: "Add the items, one per line starting with `- `."))
    }

    static func wrongType(_ key: String, expected: Localized, found: Localized, suggestion: String? = nil) -> Problem {
        // The root has no key: it is the whole front matter.
        let subject = key.isEmpty ? Localized(vi: "Phần thông tin đầu tệp", en: "The front matter")
                                  : Localized(vi: "`\(key)`", en: "`\(key)`")
        return Problem(.wrongType, .error,
                vi: "\(subject.vi) phải là \(expected.vi), nhưng ở đây là \(found.vi).",
                en: "\(subject.en) must be \(expected.en), found \(found.en).",
                suggestion: suggestion.map { Localized(vi: "Viết `\($0)`.", en: "Write `\($0)`.") })
    }

    static func notInVocabulary(_ key: String, value: String, allowed: [String], suggestion: String?) -> Problem {
        let list = allowed.map { "`\($0)`" }.joined(separator: ", ")
        return Problem(.notInVocabulary, .error,
                       vi: "Giá trị `\(value)` của `\(key)` không hợp lệ; chỉ được dùng: \(list).",
                       en: "`\(value)` is not a valid value for `\(key)`; allowed: \(list).",
                       suggestion: didYouMean(suggestion))
    }

    static func malformedCode(_ key: String, value: String, suggestion: String?) -> Problem {
        Problem(.malformedCode, .error,
                vi: "Mã thủ tục `\(value)` ở `\(key)` sai dạng: mã gồm một chữ số, dấu chấm và sáu chữ số, ví dụ `1.001193`.",
                en: "Procedure code `\(value)` in `\(key)` is malformed: expected a digit, a dot and six digits, e.g. `1.001193`.",
                suggestion: suggestion.map { Localized(vi: "Viết `\"\($0)\"`.", en: "Write `\"\($0)\"`.") })
    }

    static func malformedDate(_ key: String, value: String, expected: String, suggestion: String?) -> Problem {
        Problem(.malformedDate, .error,
                vi: "Ngày `\(value)` ở `\(key)` sai dạng hoặc không có thật: viết theo dạng \(expected).",
                en: "Date `\(value)` in `\(key)` is malformed or does not exist: expected \(expected).",
                suggestion: suggestion.map { Localized(vi: "Viết `\"\($0)\"`.", en: "Write `\"\($0)\"`.") })
    }

    public static func malformedURL(_ key: String, value: String, defect: BaseURL.Defect) -> Problem {
        Problem(.malformedURL, .error,
                vi: "Địa chỉ trang `\(quoted(value))` ở `\(key)` không dùng được: \(defect.reason.vi). Địa chỉ trang có dạng https://ten-mien/ hoặc https://ten-mien/duong-dan/.",
                en: "The site address `\(quoted(value))` in `\(key)` cannot be used: \(defect.reason.en). A site address looks like https://domain/ or https://domain/path/.",
                suggestion: defect.suggestion.map { Localized(vi: "Viết `\"\($0)\"`.", en: "Write `\"\($0)\"`.") })
    }

    /// `scalar` is the first character a page, a feed or a terminal cannot carry as text.
    static func controlCharacter(_ key: String, scalar: Unicode.Scalar) -> Problem {
        let code = "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
        return Problem(.controlCharacter, .error,
                vi: "`\(key)` có ký tự điều khiển vô hình (\(code)), thường do dán từ Word, PDF hoặc viết `\\e`, `\\x…` trong dấu ngoặc kép; trang web, nguồn tin và báo cáo không hiển thị được ký tự này.",
                en: "`\(key)` holds an invisible control character (\(code)), often pasted from Word or PDF or written as `\\e`, `\\x…` in double quotes; no page, feed or report can show it.",
                suggestion: Localized(vi: "Gõ lại đoạn văn bản này, hoặc xóa phần `\\…` trong dấu ngoặc kép.",
                                      en: "Retype the text, or remove the `\\…` escape."))
    }

    static func belowMinimum(_ key: String, value: String) -> Problem {
        Problem(.negativeAmount, .error,
                vi: "`\(key)` không được là số âm (đang là \(value)).",
                en: "`\(key)` must not be negative (found \(value)).",
                suggestion: Localized(vi: "Bỏ dấu trừ; nếu không thu tiền, viết `0`.", en: "Drop the minus sign; write `0` if nothing is charged."))
    }

    public static func duplicateCode(_ code: String, otherFile: String) -> Problem {
        Problem(.duplicateCode, .error,
                vi: "Mã thủ tục `\(code)` đã được dùng trong tệp `\(otherFile)`; mỗi thủ tục chỉ có một tệp.",
                en: "Procedure code `\(code)` is already used by `\(otherFile)`; each procedure has one file.",
                suggestion: Localized(vi: "Xóa một trong hai tệp, hoặc sửa lại mã cho đúng.",
                                      en: "Delete one of the two files, or correct the code."))
    }

    /// A value quoted in a message: a hostile one may be a whole pasted page.
    static func quoted(_ text: String) -> String {
        text.unicodeScalars.count > 80 ? String(String.UnicodeScalarView(text.unicodeScalars.prefix(77))) + "…" : text
    }

    public static func brokenLink(_ target: String, suggestion: String?) -> Problem {
        let target = quoted(target)
        return Problem(.brokenLink, .error,
                vi: "Liên kết `\(target)` dẫn tới trang không tồn tại trên trang web này.",
                en: "Link `\(target)` leads to a page that does not exist on this site.",
                suggestion: didYouMean(suggestion) ?? Localized(
                    vi: "Trang một thủ tục có dạng `/thu-tuc/1.001193/`; kiểm tra lại mã, hoặc bỏ liên kết.",
                    en: "A procedure's page is `/thu-tuc/1.001193/`; check the code, or remove the link."))
    }

    public static func brokenAnchor(_ target: String, suggestion: String?) -> Problem {
        let target = quoted(target)
        return Problem(.brokenAnchor, .error,
                vi: "Liên kết `\(target)` trỏ tới một mục không có trên trang đó.",
                en: "Link `\(target)` points to a section that is not on that page.",
                suggestion: didYouMean(suggestion) ?? Localized(
                    vi: "Bỏ phần `#…` để liên kết tới đầu trang.", en: "Drop the `#…` part to link to the top of the page."))
    }

    static let internalProcedure = Problem(
        .internalProcedure, .error,
        vi: "Thủ tục nội bộ (`nguon_goc: noi_bo`) không được đăng công khai.",
        en: "Internal procedures (`nguon_goc: noi_bo`) are never published.",
        suggestion: Localized(vi: "Xóa tệp này khỏi `content/thu-tuc/`, hoặc sửa `nguon_goc` nếu ghi nhầm.",
                              en: "Remove this file from `content/thu-tuc/`, or correct `nguon_goc`."))

    public static func tooLarge(bytes: Int, limit: Int) -> Problem {
        Problem(.tooLarge, .error,
                vi: "Tệp quá lớn (\(bytes / 1024) KB); giới hạn là \(limit / 1024) KB cho một thủ tục.",
                en: "File too large (\(bytes / 1024) KB); the limit is \(limit / 1024) KB per record.",
                suggestion: Localized(vi: "Kiểm tra xem có nội dung bị dán nhầm hoặc dán lặp lại không.",
                                      en: "Check for text pasted by mistake or pasted twice."))
    }

    static func tooManyNodes(limit: Int) -> Problem {
        Problem(.tooLarge, .error,
                vi: "Phần thông tin đầu tệp có quá nhiều giá trị (hơn \(limit)).",
                en: "The front matter holds too many values (over \(limit)).",
                suggestion: Localized(vi: "Kiểm tra xem có danh sách bị dán lặp lại không.", en: "Check for a list pasted twice."))
    }

    static func tooDeep(limit: Int) -> Problem {
        Problem(.tooDeep, .error,
                vi: "Các khối lồng nhau quá sâu (hơn \(limit) tầng).",
                en: "Values are nested too deeply (over \(limit) levels).",
                suggestion: Localized(vi: "Kiểm tra thụt lề: mỗi tầng lùi vào hai dấu cách.", en: "Check the indentation: two spaces per level."))
    }

    public static func tooMuchText(bytes: Int, limit: Int) -> Problem {
        Problem(.tooMuchText, .error,
                vi: "Phần nội dung (sau dòng `---` thứ hai) quá dài (\(bytes / 1024) KB); giới hạn là \(limit / 1024) KB.",
                en: "The Markdown body is too long (\(bytes / 1024) KB); the limit is \(limit / 1024) KB.",
                suggestion: Localized(vi: "Kiểm tra xem có văn bản bị dán lặp lại không; văn bản dài nên đưa vào tệp đính kèm và dẫn liên kết.",
                                      en: "Check for text pasted twice; put long documents in an attachment and link to it."))
    }

    public static func tooManyRecords(count: Int, limit: Int) -> Problem {
        Problem(.tooManyRecords, .error,
                vi: "Thư mục có \(count) tệp thủ tục; một trang web công khai tối đa \(limit) thủ tục.",
                en: "The folder holds \(count) procedure files; a site publishes at most \(limit).",
                suggestion: Localized(vi: "Dùng mục `chon:` trong site.yml để chỉ đăng thủ tục của đơn vị, hoặc chia thành nhiều trang.",
                                      en: "Use `chon:` in site.yml to publish only the unit's procedures, or split the site."))
    }

    public static func unsafeLink(_ target: String, scheme: String) -> Problem {
        let target = quoted(target)
        return Problem(.unsafeLink, .error,
                vi: "Liên kết `\(target)` dùng `\(scheme)`, có thể chạy mã lạ trên trang của cơ quan nhà nước; trang công khai không hiển thị liên kết này.",
                en: "Link `\(target)` uses `\(scheme)`, which can run code on a government page; the public site does not show it.",
                suggestion: Localized(vi: "Thay bằng một địa chỉ web đầy đủ (https://…) hoặc một trang của trang này (/thu-tuc/…/).",
                                      en: "Use a full web address (https://…) or a page of this site (/thu-tuc/…/)."))
    }

    /// A file (or, with `folder`, a folder tthc reads: `content/thu-tuc`, `templates` …) that a
    /// symbolic link leads out of the site.
    public static func outsideSite(_ target: String, folder: Bool = false) -> Problem {
        let (vi, en) = folder ? ("Thư mục này là liên kết tắt (symlink) tới", "This folder is a symbolic link to") : ("Tệp này là liên kết tắt (symlink) tới", "This file is a symbolic link to")
        let (fixVi, fixEn) = folder ? ("Thay liên kết tắt bằng một thư mục thật trong trang (sao chép các tệp vào).",
                                       "Replace the link with a real folder inside the site (copy the files in).")
                                    : ("Sao chép tệp vào `content/thu-tuc/` thay cho liên kết tắt.", "Copy the file into `content/thu-tuc/` instead of linking to it.")
        return Problem(.outsideSite, .error,
                       vi: "\(vi) `\(target)`, nằm ngoài thư mục trang web; tthc không đọc tệp ngoài trang.",
                       en: "\(en) `\(target)`, outside the site folder; tthc reads no file outside the site.",
                       suggestion: Localized(vi: fixVi, en: fixEn))
    }

    public static let notAFile = Problem(
        .notAFile, .error,
        vi: "Đây không phải một tệp văn bản thông thường (thư mục, thiết bị hoặc ống dẫn), nên không đọc được.",
        en: "This is not a regular file (a folder, device or pipe), so it cannot be read.",
        suggestion: Localized(vi: "Xóa hoặc đổi tên mục này: trong `content/thu-tuc/` chỉ để các tệp `.md`.",
                              en: "Remove or rename it: `content/thu-tuc/` holds only `.md` files."))

    public static func templateSyntax(vi: String, en: String) -> Problem {
        Problem(.templateSyntax, .error,
                vi: "Mẫu trang có lỗi: \(vi).", en: "Template error: \(en).",
                suggestion: Localized(vi: "Sửa thẻ Mustache ở vị trí này; trang web chưa được tạo cho tới khi mẫu đúng.",
                                      en: "Fix the Mustache tag here; nothing is built until the template is right."))
    }

    public static let templateUnreadable = Problem(
        .templateSyntax, .error,
        vi: "Mẫu trang không phải văn bản UTF-8 nên không đọc được.",
        en: "The template is not UTF-8 text and cannot be read.",
        suggestion: Localized(vi: "Lưu lại tệp với bảng mã Unicode UTF-8.", en: "Save the file as UTF-8."))

    public static let templateMissing = Problem(
        .templateMissing, .error,
        vi: "Thiếu mẫu trang này: không có nó thì không tạo được trang web.",
        en: "This template is missing: the site cannot be built without it.",
        suggestion: Localized(vi: "Chép tệp này từ thư mục `templates/` của một trang mới tạo bằng `tthc init`.",
                              en: "Copy this file from the `templates/` folder of a site made with `tthc init`."))

    /// `component` is the letter of NĐ 63/2010 Điều 8 khoản 2 when the law names the part.
    static func incomplete(_ component: String?, what: Localized) -> Problem {
        let vi = component.map { " (thành phần \($0), Điều 8 Nghị định 63/2010/NĐ-CP)" } ?? ""
        let en = component.map { " (legal component \($0), Decree 63/2010 Art. 8)" } ?? ""
        return Problem(.incomplete, .warning,
                       vi: "Hồ sơ thủ tục chưa đầy đủ: thiếu \(what.vi)\(vi).",
                       en: "Incomplete record: missing \(what.en)\(en).",
                       inNationalData: .missing(Localized(vi: what.vi + vi, en: what.en + en)))
    }

    static let legacyLevel = Problem(
        .legacyLevel, .warning,
        vi: "Cấp `huyen` không còn từ ngày 01/7/2025 (chính quyền địa phương hai cấp).",
        en: "The district level `huyen` no longer exists since 1 July 2025.",
        suggestion: Localized(vi: "Dùng `xa` hoặc `tinh`.", en: "Use `xa` or `tinh`."))

    public static let rawHTML = Problem(
        .rawHTML, .warning,
        vi: "Mã HTML trong nội dung sẽ không được hiển thị.",
        en: "Raw HTML in the body is not rendered.",
        suggestion: Localized(vi: "Dùng định dạng Markdown thay cho thẻ HTML.", en: "Use Markdown instead of HTML tags."))

    static let notNFC = Problem(
        .notNFC, .warning,
        vi: "Chữ tiếng Việt được gõ ở dạng tổ hợp (NFD); trang web sẽ chuyển sang dạng dựng sẵn (NFC).",
        en: "Text is not in Unicode NFC (decomposed Vietnamese); it is normalized when read.",
        suggestion: Localized(vi: "Đặt bộ gõ (Unikey) ở bảng mã Unicode dựng sẵn.", en: "Save the text in NFC."))

    static let amountWithoutDescription = Problem(
        .amountWithoutDescription, .warning,
        vi: "Phí, lệ phí không có số tiền (`so_tien: null`) thì phải có `mo_ta` giải thích.",
        en: "A fee without an amount (`so_tien: null`) needs a `mo_ta` explaining it.",
        suggestion: Localized(vi: "Thêm `mo_ta`, ví dụ: \"Theo Nghị quyết của HĐND tỉnh\".",
                              en: "Add `mo_ta`, e.g. \"Set by the provincial People's Council\"."),
        inNationalData: .feeWithoutAmount)

    static let durationWithoutDescription = Problem(
        .durationWithoutDescription, .warning,
        vi: "Thời hạn có đơn vị `khac` thì phải có `mo_ta` để người dân biết thời gian giải quyết.",
        en: "A processing time in unit `khac` needs a `mo_ta` that says what it is.",
        suggestion: Localized(vi: "Thêm `mo_ta`, ví dụ: \"Không quá 03 ngày làm việc\".",
                              en: "Add `mo_ta`, e.g. \"Không quá 03 ngày làm việc\"."),
        inNationalData: .durationWithoutWords)

    public static func unpublishedRelated(_ code: String) -> Problem {
        Problem(.unpublishedRelated, .warning,
                vi: "Thủ tục `\(code)` không được đăng trên trang này nên không thể liên kết tới.",
                en: "Procedure `\(code)` is not published on this site, so it cannot be linked.",
                suggestion: Localized(vi: "Xóa mã này khỏi danh sách, hoặc đăng thủ tục đó bằng `chon.them` trong site.yml.",
                                      en: "Remove the code, or publish that procedure with `chon.them` in site.yml."),
                inNationalData: .unpublishedRelated(code))
    }

    /// `reason` says which part of the line is wrong.
    public static func changeLogLine(_ line: Int, reason: Localized) -> Problem {
        Problem(.changeLogLine, .warning,
                vi: "Dòng \(line) của nhật ký đồng bộ bị bỏ qua: \(reason.vi). Dòng này không hiện trên trang chủ và trong nguồn tin (feed.xml).",
                en: "Line \(line) of the sync log is skipped: \(reason.en). It is not shown on the home page or in the feed.",
                suggestion: Localized(vi: "Nhật ký do `tthc sync` ghi, không sửa tay: lấy lại bản cũ (`git checkout -- content/.dong-bo/nhat-ky.jsonl`) hoặc xóa dòng này.",
                                      en: "The log is written by `tthc sync`, not by hand: restore it (`git checkout -- content/.dong-bo/nhat-ky.jsonl`) or delete the line."))
    }

    static func fileNameMismatch(expected: String) -> Problem {
        Problem(.fileNameMismatch, .warning,
                vi: "Tên tệp nên là `\(expected)` để khớp với mã thủ tục.",
                en: "The file should be named `\(expected)` after its procedure code.",
                suggestion: Localized(vi: "Đổi tên tệp thành `\(expected)`.", en: "Rename the file to `\(expected)`."))
    }
}
