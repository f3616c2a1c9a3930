import Foundation
import Testing

/// `tthc fetch` and `tthc sync` run against the replay of the portal, as the fetch tests use them.
struct Fetcher {
    let cli = CommandLineTests()
    static let environment = ["SOURCE_DATE_EPOCH": "1795000000"]
    static let export = "content/.dong-bo/csdl-quoc-gia.jsonl"
    static let state = export + ".trang-thai.jsonl"
    static let journal = export + ".dang-tai"

    /// Short waits: every fault test ends in well under a second of waiting.
    func fetch(_ site: TemporarySite, _ portal: ReplayPortal, _ extra: [String] = [], killAfter: Double = 120) throws -> CommandLineTests.Run {
        try cli.tthc(Self.arguments(site, portal, extra), environment: Self.environment, killAfter: killAfter)
    }

    static func arguments(_ site: TemporarySite, _ portal: ReplayPortal, _ extra: [String]) -> [String] {
        ["fetch", "--site", site.folder.path, "--api", portal.api, "--delay", "0", "--retry-wait", "0.05", "--timeout", "2"] + extra
    }

    /// The same, with the fetch's own peak memory in kB, told by GNU time (nil where it is not
    /// installed): the process's own, not the largest of every child tests running beside it made.
    func fetchMeasured(_ site: TemporarySite, _ portal: ReplayPortal, _ extra: [String] = [], killAfter: Double = 120) throws -> (run: CommandLineTests.Run, peak: Int?) {
        let time = URL(fileURLWithPath: "/usr/bin/time")
        guard FileManager.default.isExecutableFile(atPath: time.path) else { return (try fetch(site, portal, extra, killAfter: killAfter), nil) }
        let report = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-peak-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: report) }
        let run = try cli.tthc(["-f", "%M", "-o", report.path, CommandLineTests.executable.path] + Self.arguments(site, portal, extra),
                               environment: Self.environment, killAfter: killAfter, program: time)
        let text = (try? String(contentsOf: report, encoding: .utf8)) ?? ""
        return (run, text.split(separator: "\n").last.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) })
    }

    func sync(_ site: TemporarySite, _ catalog: String = Fetcher.export) throws -> CommandLineTests.Run {
        try cli.tthc(["sync", "--site", site.folder.path, "--catalog", site.url(catalog).path], environment: Self.environment)
    }

    /// Every record and merge base of a site, by path.
    static func records(_ site: TemporarySite) throws -> [String: String] {
        var texts: [String: String] = [:]
        for folder in ["content/thu-tuc", "content/.dong-bo/co-so"] {
            let url = site.url(folder)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? [] where name.hasSuffix(".md") {
                texts["\(folder)/\(name)"] = try String(contentsOf: url.appendingPathComponent(name), encoding: .utf8)
            }
        }
        return texts
    }

    static func bytes(_ site: TemporarySite, _ path: String = Fetcher.export) -> Data? {
        FileManager.default.contents(atPath: site.url(path).path)
    }

    /// The ids of the fixture's procedures an H35 commune publishes (commune level, not another
    /// province's own), worked out from the details themselves.
    static func published(_ envelopes: [String: [String: Any]]) -> [String] {
        envelopes.filter { _, envelope in
            guard let data = envelope["data"] as? [String: Any] else { return false }
            let specificElsewhere = data["type"] as? String == "SPECIFIC" && data["departmentPromulgateCode"] as? String != "H35"
            return data["isWard"] as? Bool == true && !specificElsewhere
        }.keys.sorted()
    }

    /// The fixture's list rows that are not internal: what a first run asks for.
    static func askable() throws -> [String] {
        let rows = try ReplayPortal.listRows().filter { $0["type"] as? String != "STANDARD_INTERNAL" }.compactMap { $0["id"] as? String }
        return Array(Set(rows).union(try ReplayPortal.envelopes().keys)).sorted()
    }

    /// The replay, or nil (and SKIPPED printed) when it cannot run here.
    func replay(latency: Double = 0, pageSize: Int? = nil, shared: Bool = false) throws -> ReplayPortal? {
        guard ReplayPortal.python != nil else {
            print("SKIPPED: python3 not found, the replay of the portal cannot run")
            return nil
        }
        if shared {
            guard Repository.hasNationalSample else {
                print("SKIPPED: ../shared/data/national-sample is absent (a user's clone)")
                return nil
            }
            return try ReplayPortal(rows: ReplayPortal.sharedRows, details: Repository.nationalSample, latency: latency, pageSize: pageSize)
        }
        return try ReplayPortal(latency: latency, pageSize: pageSize)
    }
}
