import Records

/// What can be wrong in an indicator table, in the words of the record format's own problems.
enum TableProblem {
    static func unknownKey(_ key: String, suggestion: String?) -> Problem {
        Problem(.unknownKey, .error,
                vi: "Trường `\(key)` không có trong bảng chỉ số.",
                en: "Unknown key `\(key)` in the indicator table.",
                suggestion: suggestion.map { Localized(vi: "Có phải ý bạn là `\($0)`?", en: "Did you mean `\($0)`?") })
    }

    static func notMonthAndDay(_ text: String) -> Problem {
        Problem(.malformedDate, .error,
                vi: "Ngày lễ hằng năm `\(text)` sai dạng hoặc không có thật: viết tháng-ngày, ví dụ \"09-02\".",
                en: "Yearly holiday `\(text)` is malformed or does not exist: write month-day, e.g. \"09-02\".")
    }

    static func malformedCode(_ code: String) -> Problem {
        Problem(.malformedCode, .error,
                vi: "Mã chỉ số `\(code)` sai dạng: chỉ dùng chữ thường không dấu, chữ số và dấu _, bắt đầu bằng chữ (ví dụ `day_du`).",
                en: "Indicator code `\(code)` is malformed: lowercase ASCII letters, digits and _, starting with a letter (e.g. `day_du`).")
    }

    static func duplicateCode(_ code: String) -> Problem {
        Problem(.duplicateCode, .error,
                vi: "Mã chỉ số `\(code)` đã có ở một chỉ số phía trên; mỗi chỉ số một mã.",
                en: "Indicator code `\(code)` is already used above; each indicator has its own code.",
                suggestion: Localized(vi: "Đổi mã, hoặc xóa chỉ số trùng.", en: "Rename it, or delete the duplicate."))
    }

    static func notARate(_ key: String, _ value: Double) -> Problem {
        Problem(.wrongType, .error,
                vi: "`\(key)` phải là một tỉ lệ\(value == 0 ? " lớn hơn 0 và" : "") không quá 1 (0.8 là 80 %), ở đây là \(value).",
                en: "`\(key)` must be a rate\(value == 0 ? " above 0 and" : "") at most 1 (0.8 for 80 %), found \(value).",
                suggestion: value > 1 && value <= 100
                    ? Localized(vi: "Viết `\(value / 100)`.", en: "Write `\(value / 100)`.") : nil)
    }

    static func missing(_ key: String, because measure: String) -> Problem {
        Problem(.missingKey, .error,
                vi: "Thiếu `\(key)`: cách tính `\(measure)` cần trường này.",
                en: "`\(key)` is missing: the measure `\(measure)` needs it.")
    }

    static let noIndicator = Problem(
        .missingKey, .error,
        vi: "Bảng chưa có chỉ số nào trong `chi_so`.", en: "The table lists no indicator under `chi_so`.",
        suggestion: Localized(vi: "Chép các chỉ số từ bảng có sẵn của tthc (`tthc bao-cao` dùng bảng đó khi trang không có chi-so.yml).",
                              en: "Copy the indicators of tthc's default table (used when the site has no chi-so.yml)."))

    static func unusedParameter(_ key: String, measure: String) -> Problem {
        Problem(.unknownKey, .error,
                vi: "Cách tính `\(measure)` không dùng tham số `\(key)`.",
                en: "The measure `\(measure)` takes no parameter `\(key)`.",
                suggestion: Localized(vi: "Xóa dòng này, hoặc kiểm tra lại `cach_tinh`.", en: "Delete the line, or check `cach_tinh`."))
    }
}
