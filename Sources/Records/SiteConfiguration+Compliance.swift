/// What `site.yml` says for the duties the compliance report checks on the site itself
/// (COMPLIANCE.md: NĐ 20/2008 Điều 13, NĐ 224/2026 Điều 10), and where the report goes.
extension SiteConfiguration {
    /// Where citizens send feedback and petitions on administrative rules and procedures
    /// (phản ánh, kiến nghị): the law asks for an address, a phone number and an e-mail.
    public struct Feedback: Codable, Sendable, Equatable {
        public var address: String?
        public var phone: String?
        public var email: String?
        public var url: String?
        enum CodingKeys: String, CodingKey { case address = "dia_chi", phone = "dien_thoai", email, url }

        public init(address: String? = nil, phone: String? = nil, email: String? = nil, url: String? = nil) {
            self.address = address
            self.phone = phone
            self.email = email
            self.url = url
        }

        /// Some way to reach the unit is written.
        public var isGiven: Bool { [address, phone, email, url].contains { $0 != nil } }
    }

    public struct ReportSettings: Codable, Sendable, Equatable {
        /// The report is a page of the public site (`/bao-cao/`) unless this is false; then only
        /// `tthc bao-cao --html DIR` writes it, into a folder of its own.
        public var isPublic: Bool?
        enum CodingKeys: String, CodingKey { case isPublic = "cong_khai" }
    }

    /// The level the unit works at, in the record format's words (`xa` → commune, `tinh` → province).
    public var unitLevel: Procedure.Level {
        level == "tinh" ? .province : .commune
    }

    /// The report page is published with the site.
    public var publishesReport: Bool { report?.isPublic ?? true }
}
