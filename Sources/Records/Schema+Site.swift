extension Schema {
    /// `site.yml`: the unit, and which national procedures it publishes (DESIGN.md).
    public static let site = ObjectShape([
        Field("ten_don_vi", .text(lines: .one), .required, "tên đơn vị, ví dụ \"UBND xã …\""),
        Field("cap", .enumeration(["xa", "tinh"]), .required, "cấp của đơn vị: xa hoặc tinh"),
        Field("tinh", .object(ObjectShape([
            Field("ma", .text(lines: .one), .required, "mã UBND tỉnh trên dữ liệu quốc gia, ví dụ H35"),
            Field("ten", .text(lines: .one), .required, "tên tỉnh, thành phố"),
        ])), .required, "tỉnh, thành phố của đơn vị"),
        Field("ma_don_vi", .text(lines: .one), .optional,
              "mã đơn vị trên Cổng DVC quốc gia, ví dụ H44.100: mức độ trực tuyến và nút nộp hồ sơ của chính đơn vị (tthc fetch)"),
        Field("dia_chi", .text(lines: .one), .optional, "địa chỉ trụ sở"),
        Field("dien_thoai", .text(lines: .one), .optional, "điện thoại"),
        Field("email", .text(lines: .one), .optional, "thư điện tử"),
        Field("gio_lam_viec", .text(lines: .many), .optional, "giờ làm việc"),
        Field("base_url", .baseURL, .required, "địa chỉ trang web, có thể có đường dẫn con"),
        Field("chon", .object(ObjectShape([
            Field("cap_thuc_hien", .list(.enumeration(["trung_uong", "tinh", "xa", "co_quan_khac"]), minItems: 1),
                  .required, "các cấp thực hiện mà đơn vị đăng"),
            Field("linh_vuc", .list(.text(lines: .one)), .optional, "chỉ đăng các lĩnh vực này (mã lĩnh vực)"),
            Field("them", .list(.procedureCode), .optional, "mã thủ tục đăng thêm"),
            Field("bo", .list(.procedureCode), .optional, "mã thủ tục không đăng"),
        ])), .required, "những thủ tục đơn vị đăng"),
        Field("phan_anh_kien_nghi", .object(ObjectShape([
            Field("dia_chi", .text(lines: .one), .optional, "địa chỉ tiếp nhận phản ánh, kiến nghị"),
            Field("dien_thoai", .text(lines: .one), .optional, "số điện thoại chuyên dùng"),
            Field("email", .text(lines: .one), .optional, "thư điện tử tiếp nhận"),
            Field("url", .url, .optional, "trang gửi phản ánh, kiến nghị trực tuyến"),
        ])), .optional, "nơi người dân gửi phản ánh, kiến nghị về thủ tục (NĐ 20/2008/NĐ-CP Điều 13)"),
        Field("danh_gia_hai_long", .url, .optional,
              "trang để người dân đánh giá mức độ hài lòng (NĐ 224/2026/NĐ-CP Điều 10)"),
        Field("bao_cao", .object(ObjectShape([
            Field("cong_khai", .boolean, .optional, "false: không đăng báo cáo tại /bao-cao/ (mặc định: có)"),
        ])), .optional, "báo cáo công khai, minh bạch (tthc bao-cao)"),
    ])
}
