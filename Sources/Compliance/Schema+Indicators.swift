import Records

extension IndicatorTable {
    /// The table's format, read like a record's front matter (`ValidatedYAML`); the checks a shape
    /// cannot say (a rate above 1, a code written twice, a parameter the measure does not read)
    /// are `IndicatorTable.check`'s.
    public static let shape = ObjectShape([
        Field("phien_ban", .text(lines: .one), .required, "phiên bản của bảng, ví dụ \"2026.1\""),
        Field("ten", .text(lines: .one), .required, "tên bảng chỉ số"),
        Field("ngay_nghi", .object(ObjectShape([
            Field("hang_nam", .list(.text(lines: .one)), .optional, "ngày lễ hằng năm, dạng tháng-ngày: \"09-02\""),
            Field("them", .list(.date), .optional, "ngày nghỉ khác (Tết, Giỗ Tổ, nghỉ bù, hoán đổi), dạng YYYY-MM-DD"),
            Field("lam_bu", .list(.date), .optional, "thứ Bảy phải đi làm vì hoán đổi"),
        ])), .optional, "ngày nghỉ ngoài thứ Bảy, Chủ nhật"),
        Field("chi_so", .list(.object(indicator), minItems: 1), .required, "các chỉ số"),
    ])

    static let indicator = ObjectShape([
        Field("ma", .text(lines: .one), .required, "mã chỉ số: chữ thường không dấu, số và _, ví dụ day_du"),
        Field("ten", .text(lines: .one), .required, "tên chỉ số"),
        Field("ten_en", .text(lines: .one), .optional, "tên tiếng Anh"),
        Field("can_cu", .text(lines: .one), .required, "văn bản làm căn cứ, ví dụ \"QĐ 766/QĐ-TTg, chỉ tiêu 1.3\""),
        Field("do_tin_cay", .enumeration(["van_ban", "so_lieu", "thu_cap", "muc_tieu"]), .optional, "độ tin cậy của căn cứ"),
        Field("trich_dan", .text(lines: .many), .optional, "đoạn văn bản làm căn cứ"),
        Field("cong_thuc", .text(lines: .many), .required, "công thức bằng lời"),
        Field("cach_tinh", .enumeration(Measure.allCases.map(\.rawValue)), .required, "cách tthc đếm"),
        Field("ly_do", .text(lines: .many), .optional, "vì sao chưa tính được từ hồ sơ thủ tục"),
        Field("tham_so", .object(ObjectShape([
            Field("han_ngay_lam_viec", .integer(minimum: 0), .optional, "hạn, số ngày làm việc (kip_thoi)"),
            Field("han_bo", .integer(minimum: 0), .optional, "hạn khi bộ, ngành công bố, số ngày làm việc"),
            Field("han_tinh", .integer(minimum: 0), .optional, "hạn khi UBND tỉnh công bố, số ngày làm việc"),
            Field("ngay_chuyen_doi", .list(.date), .optional, "ngày chuyển đổi dữ liệu của Cổng, không tính"),
            Field("dung_chung_toi_thieu", .integer(minimum: 2), .optional,
                  "ngày công khai dùng chung cho từng này thủ tục trở lên thì không tính"),
        ])), .optional, "tham số của cách tính"),
        Field("nguong", .number(minimum: 0), .optional, "ngưỡng đạt, tỉ lệ từ 0 đến 1"),
        Field("diem", .object(ObjectShape([
            Field("toi_da", .number(minimum: 0), .optional, "điểm tối đa theo văn bản"),
            Field("cach_cho", .enumeration(["ti_le", "du_tu", "dat_nguong"]), .required, "cách cho điểm"),
            Field("muc", .number(minimum: 0), .optional, "với du_tu: tỉ lệ từ đó được đủ điểm"),
        ])), .optional, "điểm, khi văn bản có quy định"),
        Field("cap", .list(.enumeration(["xa", "tinh"]), minItems: 1), .required, "các cấp đơn vị áp dụng"),
        Field("viec_can_lam", .text(lines: .many), .optional, "việc cần làm khi chưa đạt"),
    ])
}
