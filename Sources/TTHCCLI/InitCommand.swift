import ArgumentParser
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
        let existing = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        guard existing.isEmpty else {
            printError("tthc init: \(root.path) đã có tệp; hãy chọn thư mục mới hoặc trống (not empty).")
            throw Exit.cannotRun
        }
        do {
            for file in files {
                let url = root.appendingPathComponent(file.path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try AtomicFile.write(file.text, to: url)
            }
        } catch {
            printError("tthc init: không ghi được (cannot write) \(root.path): \(TerminalText.escape(error.localizedDescription))")
            throw Exit.cannotRun
        }
        printError("""
            Đã tạo trang mới trong \(root.path).
            Tiếp theo:
              1. Sửa site.yml (tên đơn vị, tỉnh, địa chỉ trang web).
              2. Nhập thủ tục: tthc sync --site \(folder) --catalog <tệp xuất CSDL quốc gia>
                 hoặc tạo từng thủ tục: tthc new --site \(folder) <mã thủ tục>
              3. Kiểm tra và tạo trang: tthc check --site \(folder) && tthc build --site \(folder)
            """)
    }
}
