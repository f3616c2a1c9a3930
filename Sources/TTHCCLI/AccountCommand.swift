import ArgumentParser
import Editor
import Foundation
import Records
import Site

/// `tthc account add NAME --don-vi SLUG`: an account of the browser editor, its password read from
/// standard input (never an argument: arguments are seen by every user of the machine).
struct AccountCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "account",
        abstract: "Tài khoản của trình sửa trên trình duyệt. (Accounts of the browser editor.)",
        subcommands: [Add.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Thêm (hoặc đặt lại) một tài khoản; mật khẩu đọc từ đầu vào chuẩn. (Add or reset an account; password on standard input.)")

        @Argument(help: "Tên đăng nhập: chữ thường không dấu, số, . _ -") var name: String
        @Option(name: .customLong("don-vi"), help: "Đơn vị tài khoản được sửa (lặp lại cho nhiều đơn vị): tên thư mục của đơn vị.") var units: [String] = []
        @Flag(help: "Tài khoản của tỉnh: sửa được phần riêng của mọi đơn vị.") var tinh = false
        @Option(name: .customLong("ho-ten"), help: "Họ tên người dùng (tác giả của commit với --git).") var fullName: String?
        @Option(help: "Thư điện tử (cho commit với --git).") var email: String?
        @Option(help: "Tệp tài khoản (ngoài kho). Mặc định: ~/.config/tthc/tai-khoan.json.") var accounts: String?

        func validate() throws {
            guard Account.isName(name) else {
                throw ValidationError("Tên đăng nhập chỉ gồm a-z, 0-9, . _ - (tối đa 64 ký tự), không phải \(name).")
            }
            guard !units.isEmpty || tinh else { throw ValidationError("Cần --don-vi SLUG (hoặc --tinh): tài khoản sửa được đơn vị nào?") }
            for unit in units where !Account.isName(unit) {
                throw ValidationError("--don-vi: tên thư mục đơn vị chỉ gồm a-z, 0-9, . _ -, không phải \(unit).")
            }
            for text in [fullName, email].compactMap({ $0 }) where !Account.isAuthorText(text) {
                throw ValidationError("--ho-ten và --email không được có xuống dòng, ký tự điều khiển, < hay >.")
            }
        }

        func run() throws {
            try checkUnits(at: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            let path = accounts ?? (ProcessInfo.processInfo.environment["HOME"] ?? "/root") + "/.config/tthc/tai-khoan.json"
            var line = readLine(strippingNewline: true) ?? ""
            if line.hasSuffix("\r") { line.removeLast() }
            if let problem = Passwords.problem(line) {
                printError("tthc account add: \(problem) Không ghi gì (nothing written).")
                throw Exit.cannotRun
            }
            do {
                var file = try AccountFile(path: path)
                let account = Account(ten: name, hoTen: fullName, email: email, matKhau: Passwords.hash(line),
                                      donVi: units.sorted(), tinh: tinh)
                let replaced = file.account(named: name) != nil
                try file.save(account)
                printError("\(replaced ? "Đã đặt lại" : "Đã thêm") tài khoản \(name) (\(tinh ? "tỉnh" : "đơn vị: " + units.joined(separator: ", "))) trong \(file.path).")
            } catch {
                throw cannotRun("account", error, .vi)
            }
        }

        /// Run at a province's folder, each `--don-vi` must be one of its units (`don-vi/<slug>/site.yml`):
        /// a slug typed wrong would make an account that can edit nothing. Elsewhere the accounts file
        /// may serve any site, so nothing is checked.
        func checkUnits(at folder: URL) throws {
            guard ProvinceConfiguration.isProvince(folder) else { return }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path + "/" + ProvinceUnit.folder)) ?? []
            let known = names.filter { FileManager.default.fileExists(atPath: "\(folder.path)/\(ProvinceUnit.folder)/\($0)/\(SiteConfiguration.fileName)") }.sorted()
            for unit in units where !known.contains(unit) {
                printError("tthc account add: " + ProvinceContent.UnknownUnit(slug: unit, known: known).explanation.vi + " Không ghi gì (nothing written).")
                throw Exit.cannotRun
            }
        }
    }
}
