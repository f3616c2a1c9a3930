import FileSystem
import Foundation
import Records

/// The accounts of a shared editor, in a JSON file outside any repository: it holds password
/// hashes, and a file inside a site would be committed with it (and published by a careless CI).
public struct AccountFile: Sendable {
    public let path: String
    public private(set) var accounts: [Account]

    struct Document: Codable {
        var taiKhoan: [Account]
        enum CodingKeys: String, CodingKey { case taiKhoan = "tai_khoan" }
    }

    /// Reads the file (none yet: no account), refusing one inside a repository or a site.
    public init(path: String) throws {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        self.path = absolute
        try Self.refuseInsideRepository(absolute)
        guard let bytes = try Files.readIfPresent(absolute, followingLinks: false) else {
            accounts = []
            return
        }
        do {
            accounts = try JSONDecoder().decode(Document.self, from: Data(bytes)).taiKhoan
        } catch {
            throw Unreadable(path: absolute, cause: "\(error)")
        }
    }

    public func account(named name: String) -> Account? { accounts.first { $0.ten == name } }

    /// Adds an account, or replaces the one of that name, and writes the file (0600, atomically).
    public mutating func save(_ account: Account) throws {
        accounts.removeAll { $0.ten == account.ten }
        accounts.append(account)
        accounts.sort { $0.ten < $1.ten }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(Document(taiKhoan: accounts))
        try Files.makeFolder(Files.split(path).folder)
        try Files.replacePrivately(Array(data) + [10], at: path)
    }

    /// A folder above `path` (or its own) that holds `.git`, `site.yml` or `tinh.yml`.
    public static func repository(around path: String) -> String? {
        var folder = (try? RealPath.resolve(Files.split(path).folder)) ?? Files.split(path).folder
        while true {
            for marker in [".git", "site.yml", "tinh.yml"] where (try? Files.kind(folder + "/" + marker)) != nil {
                return folder
            }
            let parent = Files.split(folder).folder
            if parent == folder || folder == "/" || folder.isEmpty { return nil }
            folder = parent
        }
    }

    static func refuseInsideRepository(_ path: String) throws {
        if let repository = repository(around: path) { throw InsideRepository(path: path, repository: repository) }
    }

    public struct InsideRepository: ExplainedError, Equatable {
        public var path: String
        public var repository: String
        public var explanation: Localized {
            Localized(vi: "\(path) nằm trong kho \(repository): tệp tài khoản (và nhật ký sửa) chứa mật khẩu đã băm và sẽ bị commit cùng kho. Hãy đặt nó ngoài kho, ví dụ /etc/tthc/tai-khoan.json.",
                      en: "\(path) is inside the repository \(repository): the accounts file (and the audit log) holds password hashes and would be committed with it. Put it outside, e.g. /etc/tthc/tai-khoan.json.")
        }
    }

    public struct Unreadable: ExplainedError, Equatable {
        public var path: String
        public var cause: String
        public var explanation: Localized {
            Localized(vi: "không đọc được tệp tài khoản \(path) (JSON): \(cause). Sửa tệp, hoặc tạo lại bằng tthc account add.",
                      en: "cannot read the accounts file \(path) (JSON): \(cause). Mend it, or make it again with tthc account add.")
        }
    }
}
