/// Someone who may edit records through `tthc serve --accounts`: a login name, a bcrypt hash of
/// the password, and what the account is bound to (units by their slug, or the whole province).
public struct Account: Sendable, Equatable, Codable {
    /// The login name: lowercase ASCII letters, digits, `.`, `_`, `-` (it appears in the audit log
    /// and in git's author line).
    public var ten: String
    /// The person's name for git's author line and the page ("Nguyễn Văn A"); the login name if none.
    public var hoTen: String?
    public var email: String?
    /// bcrypt (`$2b$…`), never the password.
    public var matKhau: String
    /// The units (`don-vi/<slug>/` in a province; on a single unit's site, its folder's name).
    public var donVi: [String]
    /// Bound to the province: every unit's own files.
    public var tinh: Bool

    enum CodingKeys: String, CodingKey {
        case ten, hoTen = "ho_ten", email, matKhau = "mat_khau", donVi = "don_vi", tinh
    }

    public init(ten: String, hoTen: String? = nil, email: String? = nil, matKhau: String, donVi: [String], tinh: Bool = false) {
        self.ten = ten
        self.hoTen = hoTen
        self.email = email
        self.matKhau = matKhau
        self.donVi = donVi
        self.tinh = tinh
    }

    /// `Name <email>` for `git commit --author`.
    public var gitAuthor: String {
        "\(hoTen ?? ten) <\(email ?? ten + "@tthc.invalid")>"
    }

    /// A login name or a unit's slug as tthc accepts them: 1 to 64 of `a-z 0-9 . _ -`, not starting with `.` or `-`.
    public static func isName(_ text: String) -> Bool {
        guard (1...64).contains(text.utf8.count), let first = text.utf8.first, first != UInt8(ascii: "."), first != UInt8(ascii: "-")
        else { return false }
        return text.utf8.allSatisfy { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
            || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
    }

    /// A person's name or address for git's author line: no line break, control, `<` or `>`.
    public static func isAuthorText(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= 200
            && !text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || $0 == "<" || $0 == ">" || $0.properties.generalCategory == .format }
    }
}
