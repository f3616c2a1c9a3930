import ArgumentParser
import FileSystem
import Escaping
import Foundation
import Records
import Site

/// `tthc init DIR`: a new unit site that builds at once; `--tinh`, a province's repository; and a
/// folder `don-vi/<slug>` of a province, one more unit of it.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Tạo trang mới cho một đơn vị. (Create a new unit site.)")

    @Argument(help: "Thư mục mới (chưa có, hoặc trống).") var folder: String
    @Option(name: .customLong("ten"), help: "Tên đơn vị, ví dụ \"UBND xã Hoa Ban\".") var unitName = "UBND xã (tên đơn vị)"
    @Option(name: .customLong("tinh-ma"), help: "Mã UBND tỉnh trên CSDL quốc gia, ví dụ H35.") var provinceCode = "H35"
    @Option(name: .customLong("tinh-ten"), help: "Tên tỉnh, thành phố.") var provinceName = "Tỉnh Lai Châu"
    @Option(name: .customLong("base-url"), help: "Địa chỉ trang web (của đơn vị, hoặc với --tinh của tỉnh).") var baseURL: String?
    @Flag(name: .customLong("tinh"), help: "Tạo kho của cả tỉnh (tinh.yml, don-vi/, content/, templates/) thay cho trang một đơn vị.")
    var province = false

    @OptionGroup var lockOptions: LockOptions

    static let exampleURL = "https://example.invalid/"

    func validate() throws {
        if let baseURL, let defect = BaseURL.defect(in: baseURL) {
            throw ValidationError(TerminalText.escape(InvalidBaseURL(value: baseURL, defect: defect).message(.vi)))
        }
    }

    func run() throws {
        let root = URL(fileURLWithPath: folder, isDirectory: true).standardizedFileURL
        let parent = root.deletingLastPathComponent()
        if !province, parent.lastPathComponent == ProvinceUnit.folder, ProvinceConfiguration.isProvince(parent.deletingLastPathComponent()) {
            return try addUnit(at: root, province: parent.deletingLastPathComponent())
        }
        let files = province
            ? ProvinceScaffold.files(provinceCode: provinceCode, provinceName: provinceName, baseURL: baseURL ?? Self.exampleURL)
            : SiteScaffold.files(unitName: unitName, provinceCode: provinceCode, provinceName: provinceName, baseURL: baseURL ?? Self.exampleURL)
        // What init writes must pass its own check: a unit's name on two lines, or empty, is refused here.
        for file in files where [SiteConfiguration.fileName, ProvinceConfiguration.fileName].contains(file.path) {
            let bytes = Array(file.text.utf8)
            let readable: Bool, problems: [Diagnostic]
            if province {
                let read = ProvinceConfiguration.read(bytes: bytes)
                (readable, problems) = (read.0 != nil, read.1)
            } else {
                let read = SiteConfiguration.read(bytes: bytes)
                (readable, problems) = (read.0 != nil, read.1)
            }
            try refuseUnless(readable && !problems.hasErrors, problems, file: file.path)
        }
        try write(files, into: root, lockAt: root)
        if province {
            printError("""
                Đã tạo kho của tỉnh trong \(root.path).
                Tiếp theo:
                  1. Sửa tinh.yml (mã, tên tỉnh, địa chỉ trang của tỉnh).
                  2. Thêm từng đơn vị: tthc init \(folder)/don-vi/<tên> --ten "UBND xã …"
                  3. Tải danh mục và nhập thủ tục cho mọi đơn vị: tthc fetch --site \(folder) && tthc sync --site \(folder) --catalog \(folder)/content/.dong-bo/csdl-quoc-gia.jsonl
                  4. Kiểm tra và tạo trang của mọi đơn vị: tthc check --site \(folder) && tthc build --site \(folder)
                """)
            return
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

    /// `don-vi/<slug>` of a province: the unit's `site.yml` and `thu-tuc/`, under the province's lock.
    private func addUnit(at root: URL, province: URL) throws {
        let slug = root.lastPathComponent
        if let problem = UnitSlug.problem(slug) {
            printError("tthc init: \(TerminalText.escape(problem.message.vi)) Không ghi gì (nothing written).")
            if let fix = problem.suggestion { printError("  → \(TerminalText.escape(fix.vi))") }
            throw Exit.cannotRun
        }
        let configuration: ProvinceConfiguration
        do {
            let (read, problems) = try ProvinceConfiguration.load(in: try SiteFolders(site: province))
            try refuseUnless(read != nil, problems, file: ProvinceConfiguration.fileName)
            guard let read else { throw Exit.cannotRun }
            configuration = read
        } catch {
            throw cannotRun("init", error, .vi)
        }
        let files = ProvinceScaffold.unitFiles(unitName: unitName, baseURL: baseURL)
        for file in files where file.path == SiteConfiguration.fileName {
            let path = "\(ProvinceUnit.folder)/\(slug)/\(file.path)"
            let (read, problems) = SiteConfiguration.readUnit(bytes: Array(file.text.utf8), path: path, slug: slug, province: configuration)
            try refuseUnless(read != nil && !problems.hasErrors, problems, file: path)
        }
        try write(files, into: root, lockAt: province)
        printError("""
            Đã thêm đơn vị \(slug) vào \(configuration.name): \(root.path)/site.yml.
            Trang của đơn vị: \(configuration.defaultBaseURL(slug: slug)) (public/\(slug)/ khi tạo trang).
            Tiếp theo: sửa site.yml (tên, chon), rồi ở thư mục tỉnh chạy tthc sync --catalog … để nhập thủ tục đơn vị chọn, và tthc build.
            """)
    }

    /// Stops with the problems of a configuration init would write.
    private func refuseUnless(_ valid: Bool, _ problems: [Diagnostic], file: String) throws {
        guard !valid else { return }
        printError(DiagnosticReport(diagnostics: problems, language: .vi, strict: false).text.trimmingCharacters(in: .newlines))
        printError("tthc init: các giá trị --ten, --tinh-ma, --tinh-ten, --base-url trên cho \(file) có lỗi; không ghi gì (nothing written).")
        throw Exit.cannotRun
    }

    /// Writes `files` into `root`, which must be new or empty, holding the lock of `lockAt` (the
    /// new site itself, or the province a unit is added to).
    private func write(_ files: [(path: String, text: String)], into root: URL, lockAt: URL) throws {
        do {
            guard !folder.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw Refusal.noName }
            func mustBeEmpty() throws {
                let existing = try (Files.listIfPresent(root.path) ?? []).filter { $0 != SiteLock.fileName }
                guard existing.isEmpty else { throw Refusal.notEmpty(root.path, existing.sorted()) }
            }
            try mustBeEmpty()
            try Files.makeFolder(lockAt.path)
            // Two inits into one folder: the second waits, then finds the first one's files.
            let lock = try lockOptions.hold(lockAt, command: "init", language: .vi)
            defer { lock.release() }
            try mustBeEmpty()
            try Files.makeFolder(root.path)
            for file in files {
                let path = root.path + "/" + file.path
                try Files.makeFolder(Files.split(path).folder)
                try Files.replace(file.text.utf8, at: path)
            }
        } catch {
            throw cannotRun("init", error, .vi)
        }
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
