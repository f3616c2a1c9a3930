import ArgumentParser
import Fetch
import Foundation
import Records

/// `tthc fetch`: the national catalogue from the portal's API into the export `tthc sync` reads.
struct FetchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Tải danh mục TTHC từ Cổng DVC quốc gia thành tệp xuất cho tthc sync. (Fetch the national catalogue.)",
        discussion: """
            Hỏi danh sách công khai rồi chi tiết từng thủ tục có thể thuộc phạm vi của đơn vị (site.yml), \
            lịch sự với cổng: mặc định một yêu cầu một lúc, nghỉ 0,4 giây giữa hai yêu cầu. Dừng ngay khi cổng từ chối; \
            tệp cũ giữ nguyên. Lần chạy bị ngắt được lần sau tiếp tục. Mã thoát: 0 đủ, 1 có chi tiết lỗi (đã nêu tên), \
            2 bị chặn, từ chối hoặc không chạy được (không thay gì).
            """)

    @OptionGroup var siteOptions: SiteOptions
    @Option(help: "Địa chỉ API của cổng.") var api = PortalEndpoint.defaultAPI
    @Option(help: "Tệp xuất sẽ ghi (mặc định: content/.dong-bo/csdl-quoc-gia.jsonl trong thư mục trang).") var out: String?
    @Option(help: "Số yêu cầu cùng lúc, 1 đến 3.") var concurrency = 1
    @Option(help: "Giây nghỉ giữa hai yêu cầu.") var delay = 0.4
    @Option(help: "Giây chờ tối đa cho một yêu cầu.") var timeout = 30.0
    @Option(help: "Số lần thử lại khi lỗi mạng, bị ngắt, dữ liệu cụt hoặc lỗi 5xx.") var retries = 3
    @Option(name: .customLong("retry-wait"), help: "Giây chờ trước lần thử lại đầu tiên (lần sau gấp đôi).") var retryWait = 1.0
    @Option(name: .customLong("recheck-days"), help: "Thủ tục ngoài phạm vi được hỏi lại sau chừng này ngày.") var recheckDays = 30
    @Flag(help: "Vẫn thay tệp khi nhận được dưới 90 % chi tiết hoặc danh mục ngắn đi quá 5 %.") var force = false
    @Option(help: "Ngôn ngữ thông báo: vi hoặc en.") var lang: Language = .vi

    func validate() throws {
        guard (1...Politeness.maximumConcurrency).contains(concurrency) else {
            throw ValidationError("--concurrency phải từ 1 đến \(Politeness.maximumConcurrency): lịch sự với cổng (at most \(Politeness.maximumConcurrency) requests at once).")
        }
        guard delay >= 0, delay <= 60 else { throw ValidationError("--delay phải từ 0 đến 60 giây (seconds).") }
        guard timeout > 0, timeout <= 600 else { throw ValidationError("--timeout phải lớn hơn 0 và không quá 600 giây (seconds).") }
        guard (0...10).contains(retries) else { throw ValidationError("--retries phải từ 0 đến 10.") }
        guard retryWait >= 0, retryWait <= 60 else { throw ValidationError("--retry-wait phải từ 0 đến 60 giây (seconds).") }
        guard (1...366).contains(recheckDays) else { throw ValidationError("--recheck-days phải từ 1 đến 366.") }
        guard PortalEndpoint.base(api) != nil else {
            throw ValidationError("--api phải là địa chỉ http(s) không có tham số, ví dụ \(PortalEndpoint.defaultAPI) (an http(s) address).")
        }
    }

    func run() throws {
        let (layout, units) = try siteOptions.units(language: lang, command: "fetch")
        guard let configuration = units.first else { throw Exit.cannotRun }
        let export = out.map { URL(fileURLWithPath: $0).standardizedFileURL } ?? CatalogueFetch.defaultExport(in: siteOptions.url)
        var politeness = Politeness()
        politeness.concurrency = concurrency
        politeness.delay = delay
        politeness.timeout = timeout
        politeness.retries = retries
        politeness.retryWait = retryWait
        guard let base = PortalEndpoint.base(api) else { throw Exit.cannotRun }
        let client = PortalClient(api: base, politeness: politeness,
                                  transport: CurlTransport(timeout: timeout, userAgent: PortalEndpoint.userAgent))
        var fetch = CatalogueFetch(site: siteOptions.url, configuration: configuration, export: export, client: client)
        fetch.units = units
        fetch.asksUnitServices = layout == .site
        fetch.force = force
        fetch.recheckDays = recheckDays
        let bar = ProgressBar(label: lang == .vi ? "Đang tải chi tiết" : "Fetching details")
        if let bar { fetch.progress = { @Sendable done, total in bar.update(done, of: total) } }
        let outcome = fetch.run()
        bar?.finish()
        let report = FetchReport(outcome: outcome, export: out ?? Self.shown(export, in: siteOptions.url),
                                 api: base.absoluteString, language: lang)
        printError(report.text)
        if outcome.exitStatus != 0 { throw ExitCode(outcome.exitStatus) }
    }

    /// The export's path as staff typed it: relative to the site when it is inside.
    static func shown(_ url: URL, in site: URL) -> String {
        let prefix = site.path.hasSuffix("/") ? site.path : site.path + "/"
        return url.path.hasPrefix(prefix) ? String(url.path.dropFirst(prefix.count)) : url.path
    }
}
