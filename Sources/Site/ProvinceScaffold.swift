import Records

/// The files `tthc init --tinh DIR` writes (a province's repository that builds at once, docs/province.md)
/// and those `tthc init don-vi/<slug>` adds for one unit. Values are written quoted and read back
/// by `tthc init` before anything is written, as for a single site.
public enum ProvinceScaffold {
    public static func files(provinceCode: String, provinceName: String, baseURL: String) -> [(path: String, text: String)] {
        [
            (ProvinceConfiguration.fileName, provinceConfiguration(code: provinceCode, name: provinceName, baseURL: baseURL)),
            ("\(ProvinceUnit.folder)/.gitkeep", ""),
        ] + SiteScaffold.shared
    }

    static func provinceConfiguration(code: String, name: String, baseURL: String) -> String {
        """
        # Kho thủ tục hành chính của cả tỉnh (tthc): mọi đơn vị từ một kho.
        # content/thu-tuc/ là kho chung (chỉ tthc sync ghi); mỗi đơn vị một thư mục don-vi/<tên>/.
        # Thêm đơn vị: tthc init don-vi/<tên> --ten "UBND xã …". Sửa xong, chạy `tthc check`.

        # Mã UBND tỉnh trên CSDL quốc gia (ví dụ H35) và tên tỉnh, thành phố.
        # Thủ tục đặc thù của tỉnh khác không bao giờ được đăng nhầm.
        ma: \(CanonicalYAML.quoted(code))
        ten: \(CanonicalYAML.quoted(name))
        # Trang của tỉnh trên cổng; mỗi đơn vị ở <base_url><tên thư mục>/ (trừ khi site.yml của
        # đơn vị ghi base_url riêng). public/index.html là danh sách các đơn vị.
        base_url: \(CanonicalYAML.quoted(baseURL))
        # Tỉnh tự đăng thủ tục của mình (tại <base_url>tinh/): bỏ dấu # các dòng dưới.
        # ten_don_vi: "UBND tỉnh …"
        # chon:
        #   cap_thuc_hien:
        #     - tinh

        """
    }

    /// `don-vi/<slug>/`: the unit's `site.yml` and the folder for its own parts of procedures.
    public static func unitFiles(unitName: String, baseURL: String?) -> [(path: String, text: String)] {
        [(SiteConfiguration.fileName, unitConfiguration(unitName: unitName, baseURL: baseURL)), ("\(Overlay.folder)/.gitkeep", "")]
    }

    static func unitConfiguration(unitName: String, baseURL: String?) -> String {
        let address = baseURL.map { "base_url: \(CanonicalYAML.quoted($0))" }
            ?? "# base_url: https://…   # chỉ khi đơn vị có địa chỉ riêng; mặc định <base_url của tinh.yml><tên thư mục>/"
        return """
            # Một đơn vị của tỉnh (tthc). Tỉnh lấy từ tinh.yml; thủ tục chung ở content/thu-tuc/ của tỉnh.
            # Phần riêng của đơn vị cho một thủ tục: thu-tuc/<mã>.md, chỉ gồm dia_phuong và các mục riêng.

            # Tên đơn vị, đúng như trên con dấu, ví dụ "UBND xã Hoa Ban".
            ten_don_vi: \(CanonicalYAML.quoted(unitName))
            # Cấp của đơn vị: xa (xã, phường, đặc khu) hoặc tinh.
            cap: xa
            \(SiteScaffold.contactLines)
            \(address)
            \(SiteScaffold.selectionLines)

            """
    }
}
