import ArgumentParser
import FileSystem
import Escaping
import Foundation
import Records
import Site

/// `tthc init DIR`: a new unit site that builds at once.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Tạo trang mới cho một đơn vị. (Create a new unit site.)")

    @Argument(help: "Thư mục mới (chưa có, hoặc trống).") var folder: String
    @Option(name: .customLong("ten"), help: "Tên đơn vị, ví dụ \"UBND xã Hoa Ban\".") var unitName = "UBND xã (tên đơn vị)"
    @Option(name: .customLong("tinh-ma"), help: "Mã UBND tỉnh trên CSDL quốc gia, ví dụ H35.") var provinceCode = "H35"
    @Option(name: .customLong("tinh-ten"), help: "Tên tỉnh, thành phố.") var provinceName = "Tỉnh Lai Châu"
    @Option(name: .customLong("base-url"), help: "Địa chỉ trang web.") var baseURL = "https://example.invalid/"

    @OptionGroup var lockOptions: LockOptions

    func validate() throws {
        if let defect = BaseURL.defect(in: baseURL) {
            throw ValidationError(TerminalText.escape(InvalidBaseURL(value: baseURL, defect: defect).message(.vi)))
        }
    }

    func run() throws {
        let files = SiteScaffold.files(unitName: unitName, provinceCode: provinceCode, provinceName: provinceName, baseURL: baseURL)
        // What init writes must pass its own check: a unit's name on two lines, or empty, is refused here.
        if let configuration = files.first(where: { $0.path == SiteConfiguration.fileName }) {
            let (read, problems) = SiteConfiguration.read(bytes: Array(configuration.text.utf8))
            if read == nil || problems.hasErrors {
                printError(DiagnosticReport(diagnostics: problems, language: .vi, strict: false).text.trimmingCharacters(in: .newlines))
                printError("tthc init: các giá trị --ten, --tinh-ma, --tinh-ten, --base-url trên cho site.yml có lỗi; không ghi gì (nothing written).")
                throw Exit.cannotRun
            }
        }
        let root = URL(fileURLWithPath: folder, isDirectory: true).standardizedFileURL
        do {
            guard !folder.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw Refusal.noName }
            func mustBeEmpty() throws {
                let existing = try (Files.listIfPresent(root.path) ?? []).filter { $0 != SiteLock.fileName }
                guard existing.isEmpty else { throw Refusal.notEmpty(root.path, existing.sorted()) }
            }
            try mustBeEmpty()
            try Files.makeFolder(root.path)
            // Two inits into one folder: the second waits, then finds the first one's files.
            let lock = try lockOptions.hold(root, command: "init", language: .vi)
            defer { lock.release() }
            try mustBeEmpty()
            for file in files {
                let path = root.path + "/" + file.path
                try Files.makeFolder(Files.split(path).folder)
                try Files.replace(file.text.utf8, at: path)
            }
        } catch {
            throw cannotRun("init", error, .vi)
        }
        printError("""
            Đã tạo trang mới trong \(root.path).
            Tiếp theo:
              1. Sửa site.yml (tên đơn vị, tỉnh, địa chỉ trang web).
              2. Tải danh mục từ Cổng DVC quốc gia rồi nhập thủ tục:
                 tthc fetch --site \(folder) && tthc sync --site \(folder) --catalog \(folder)/content/.dong-bo/csdl-quoc-gia.jsonl
                 hoặc tạo từng thủ tục: tthc new --site \(folder) <mã thủ tục>
              3. Kiểm tra và tạo trang: tthc check --site \(folder) && tthc build --site \(folder)
            """)
    }

    enum Refusal: ExplainedError {
        case noName
        case notEmpty(String, [String])

        var explanation: Localized {
            switch self {
            case .noName:
                return Localized(vi: "hãy ghi tên thư mục của trang mới, ví dụ: tthc init xa-hoa-ban.", en: "name the new site's folder, for example: tthc init xa-hoa-ban.")
            case .notEmpty(let path, let names):
                let list = names.prefix(3).joined(separator: ", ")
                return Localized(vi: "\(path) đã có tệp (\(list)…); hãy chọn thư mục mới hoặc trống.",
                                 en: "\(path) is not empty (\(list)…); choose a new or empty folder.")
            }
        }
    }
}
