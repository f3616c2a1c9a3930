/// The procedure record's front matter (RECORDS.md), in the order keys are written.
public enum Schema {
    public static let procedureCodePattern = #"^\d\.\d{6}$"#

    private static func completeness(_ component: String?, vi: String, en: String) -> Field.Requirement {
        .completeness(component: component, what: Localized(vi: vi, en: en))
    }

    static let duration = Shape.object(ObjectShape([
        Field("so", .nullable(.number(minimum: 0)), .optional, "số lượng (có thể là số thập phân, ví dụ 0.5)"),
        Field("don_vi", .enumeration(["ngay_lam_viec", "ngay", "gio", "thang", "khac"]), .required, "đơn vị thời gian"),
        Field("mo_ta", .text(lines: .many), .optional, "mô tả thời hạn bằng lời"),
    ], rules: [.describeWhenEqual(field: "don_vi", value: "khac", description: "mo_ta")]))

    static let fee = Shape.object(ObjectShape([
        Field("loai", .enumeration(["le_phi", "phi", "gia"]), .required, "lệ phí, phí hoặc giá"),
        Field("so_tien", .nullable(.integer(minimum: 0)), .required, "số tiền (đồng), null nếu không xác định"),
        Field("don_vi_tien", .text(lines: .one), .optional, "đơn vị tiền, mặc định VND"),
        Field("mo_ta", .text(lines: .many), .optional, "mô tả phí, lệ phí"),
    ], rules: [.describeWhenNull(field: "so_tien", description: "mo_ta")]))

    static let codeAndName = Shape.object(ObjectShape([
        Field("ma", .text(lines: .one), .optional, "mã"),
        Field("ten", .text(lines: .many), .required, "tên"),
    ]))

    static let agencyNames = Shape.list(.text(lines: .many))

    public static let local = Shape.object(ObjectShape([
        Field("dia_diem_tiep_nhan", .text(lines: .many), .optional, "địa chỉ tiếp nhận hồ sơ của đơn vị"),
        Field("gio_tiep_nhan", .text(lines: .many), .optional, "giờ tiếp nhận hồ sơ"),
        Field("lien_he", .text(lines: .many), .optional, "điện thoại, thư điện tử liên hệ"),
        Field("phi_le_phi", .text(lines: .many), .optional, "mức phí, lệ phí do HĐND tỉnh quy định"),
        Field("thoi_han", .text(lines: .many), .optional, "thời hạn giải quyết đơn vị áp dụng, khi dữ liệu quốc gia không ghi rõ"),
        Field("ghi_chu", .text(lines: .many), .optional, "ghi chú ngắn hiện trong ô tóm tắt"),
    ]))

    public static let procedure = ObjectShape([
        Field("ma_thu_tuc", .procedureCode, .required, "mã thủ tục quốc gia, ví dụ \"1.001193\""),
        Field("ten", .text(lines: .one), .required, "tên thủ tục"),
        Field("cap_thuc_hien", .list(.enumeration(["trung_uong", "tinh", "xa", "co_quan_khac"], legacy: ["huyen"]), minItems: 1),
              .required, "cấp thực hiện"),
        Field("linh_vuc", .object(ObjectShape([
            Field("ma", .text(lines: .one), .required, "mã lĩnh vực"),
            Field("ten", .text(lines: .one), .required, "tên lĩnh vực"),
        ])), .required, "lĩnh vực"),
        Field("trang_thai", .enumeration(["hieu_luc", "da_sua_doi", "bai_bo"]), .required,
              "tình trạng: còn hiệu lực, đã sửa đổi, bãi bỏ"),
        Field("nguon_goc", .enumeration(["trung_uong", "dac_thu_dia_phuong", "noi_bo"]), .required,
              "nguồn gốc: trung ương, đặc thù địa phương, nội bộ"),
        Field("loai_thu_tuc", .enumeration(["duoc_giao_quy_dinh_chi_tiet", "khong_duoc_giao", "khac"]), .optional,
              "loại thủ tục"),
        Field("doi_tuong", .list(codeAndName), completeness("e", vi: "đối tượng thực hiện (`doi_tuong`)", en: "who may use it (`doi_tuong`)"),
              "đối tượng thực hiện"),
        Field("co_quan", .object(ObjectShape([
            Field("thuc_hien", .list(.text(lines: .many), minItems: 1), .required, "cơ quan thực hiện"),
            Field("tham_quyen", agencyNames, .optional, "cơ quan có thẩm quyền"),
            Field("duoc_uy_quyen", agencyNames, .optional, "cơ quan được ủy quyền"),
            Field("phoi_hop", agencyNames, .optional, "cơ quan phối hợp"),
        ])), completeness("g", vi: "cơ quan thực hiện (`co_quan`)", en: "the agencies (`co_quan`)"), "cơ quan"),
        Field("cach_thuc", .list(.object(ObjectShape([
            Field("kenh", .enumeration(["truc_tiep", "truc_tuyen", "buu_chinh"]), .required, "kênh nộp hồ sơ"),
            Field("thoi_han", duration, .required, "thời hạn giải quyết"),
            Field("phi_le_phi", .list(fee), .required, "phí, lệ phí"),
            Field("mo_ta", .text(lines: .many), .optional, "mô tả"),
        ])), minItems: 1), completeness("c, đ", vi: "cách thức thực hiện và thời hạn (`cach_thuc`)",
                                        en: "channels and processing time (`cach_thuc`)"),
              "cách thức thực hiện"),
        Field("thanh_phan_ho_so", .list(.object(ObjectShape([
            Field("ten_nhom", .text(lines: .many), .optional, "tên nhóm giấy tờ"),
            Field("giay_to", .list(.object(ObjectShape([
                Field("ten", .text(lines: .many), .required, "tên giấy tờ"),
                Field("ma", .text(lines: .one), .optional, "mã giấy tờ"),
                Field("ban_chinh", .integer(minimum: 0), .required, "số bản chính"),
                Field("ban_sao", .integer(minimum: 0), .required, "số bản sao"),
                Field("bat_buoc", .boolean, .optional, "bắt buộc hay không"),
                Field("mau", .list(.object(ObjectShape([
                    Field("ten", .text(lines: .many), .required, "tên mẫu đơn, tờ khai"),
                    Field("url", .url, .optional, "địa chỉ tải mẫu"),
                ]))), .optional, "mẫu đơn, tờ khai"),
            ]))), .required, "các giấy tờ"),
        ]))), completeness("d", vi: "thành phần, số lượng hồ sơ (`thanh_phan_ho_so`)", en: "the documents (`thanh_phan_ho_so`)"),
              "thành phần, số lượng hồ sơ"),
        Field("truong_hop", .list(.object(ObjectShape([
            Field("ma", .text(lines: .one), .required, "mã trường hợp, ví dụ 1.001193.01"),
            Field("ten", .text(lines: .many), .required, "tên trường hợp"),
            Field("thoi_han", duration, .optional, "thời hạn của trường hợp"),
        ]))), .optional, "các trường hợp"),
        Field("dia_diem_tiep_nhan", .text(lines: .many), .optional, "nơi tiếp nhận hồ sơ theo hồ sơ quốc gia"),
        Field("ket_qua", .list(codeAndName), .optional, "kết quả thực hiện"),
        Field("can_cu_phap_ly", .list(.object(ObjectShape([
            Field("so_hieu", .text(lines: .one), .required, "số hiệu văn bản, ví dụ 60/2014/QH13"),
            Field("trich_yeu", .text(lines: .many), .required, "trích yếu"),
            Field("ngay_ban_hanh", .date, .optional, "ngày ban hành"),
            Field("co_quan_ban_hanh", .text(lines: .one), .optional, "cơ quan ban hành"),
        ]))), completeness(nil, vi: "căn cứ pháp lý (`can_cu_phap_ly`)", en: "the legal basis (`can_cu_phap_ly`)"),
              "căn cứ pháp lý"),
        Field("quyet_dinh_cong_bo", .object(ObjectShape([
            Field("so", .text(lines: .one), .required, "số quyết định"),
            Field("ngay", .date, .required, "ngày ký (YYYY-MM-DD)"),
            Field("co_quan", .text(lines: .one), .required, "cơ quan ban hành"),
            Field("loai", .enumeration(["moi", "sua_doi_bo_sung", "thay_the", "bai_bo"]), .optional, "loại công bố"),
            Field("ngay_cong_khai", .date, .optional, "ngày công khai trên CSDL quốc gia (YYYY-MM-DD)"),
        ])), completeness(nil, vi: "quyết định công bố (`quyet_dinh_cong_bo`)",
                          en: "the announcing decision (`quyet_dinh_cong_bo`)"),
              "quyết định công bố"),
        Field("dvc_truc_tuyen", .object(ObjectShape([
            Field("muc_do", .enumeration(["toan_trinh", "mot_phan", "khong"]), .required, "mức độ dịch vụ công trực tuyến"),
            Field("url", .url, .optional, "địa chỉ nộp trực tuyến"),
        ])), .optional, "dịch vụ công trực tuyến"),
        Field("lien_quan", .list(.procedureCode), .optional, "mã các thủ tục liên quan"),
        Field("tu_khoa", .list(.text(lines: .one)), .optional, "từ khóa tìm kiếm"),
        Field("ngay_hieu_luc", .date, .optional, "ngày có hiệu lực"),
        Field("ngay_bai_bo", .date, .optional, "ngày bãi bỏ"),
        Field("thay_the_boi", .procedureCode, .optional, "mã thủ tục thay thế"),
        Field("nguon", .object(ObjectShape([
            Field("he_thong", .enumeration(["csdlqg", "dia_phuong"]), .required, "hệ thống nguồn"),
            Field("id", .text(lines: .one), .optional, "mã định danh trên Cổng Dịch vụ công quốc gia"),
            Field("url", .url, .optional, "trang thủ tục trên Cổng Dịch vụ công quốc gia"),
            Field("co_quan_cong_bo", .object(ObjectShape([
                Field("ma", .text(lines: .one), .required, "mã cơ quan công bố, ví dụ G15 hoặc H35"),
                Field("ten", .text(lines: .one), .required, "tên cơ quan công bố"),
            ])), .optional, "cơ quan công bố"),
            Field("cap_nhat_nguon", .dateTime, .optional, "lần cuối hồ sơ quốc gia thay đổi"),
            Field("dong_bo_luc", .dateTime, .optional, "lần cuối trang này nhận thay đổi từ hồ sơ quốc gia"),
        ])), .optional, "nguồn dữ liệu"),
        Field("dia_phuong", local, .optional, "thông tin riêng của đơn vị; đồng bộ không bao giờ sửa"),
    ])

    /// Body sections that belong to the national record, in the order they are rendered.
    public static let nationalSections = ["Trình tự thực hiện", "Yêu cầu, điều kiện thực hiện"]
}
