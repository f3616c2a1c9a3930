import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// The replay of the portal's API (`Tests/Fixtures/fetch/replay-portal.py`) on 127.0.0.1 and a
/// free port, for one test: real saved answers, the API's paging and envelopes, faults on demand,
/// and counts of what it was asked. It stops with the test (and by itself if the test dies: it
/// exits when its standard input closes).
final class ReplayPortal: @unchecked Sendable {
    static let script = Repository.fixture("fetch/replay-portal.py")
    static let rows = Repository.fixture("fetch/danh-sach.json")
    static let details = Repository.fixture("fetch/chi-tiet.jsonl")
    /// Synthetic rows of the per-unit services list (see Tests/Fixtures/fetch/README.md).
    static let unitRows = Repository.fixture("fetch/dich-vu-don-vi.json")
    /// The real samples of `../shared` (300 list rows, 200 details), when present.
    static let sharedRows = Repository.nationalSample.deletingLastPathComponent().appendingPathComponent("dvc-catalog.sample.json")

    /// `python3` on the PATH; the tests that need the replay say SKIPPED without it.
    static let python: URL? = {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent("python3")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }()

    private let process = Process()
    private let input = Pipe()
    let port: Int
    let secure: Bool
    var api: String { "\(secure ? "https" : "http")://127.0.0.1:\(port)" }

    struct NotStarted: Error, CustomStringConvertible {
        var description: String
    }

    init(rows: URL = ReplayPortal.rows, details: URL = ReplayPortal.details, units: URL? = ReplayPortal.unitRows,
         latency: Double = 0, pageSize: Int? = nil, tls: (certificate: URL, key: URL)? = nil) throws {
        guard let python = Self.python else { throw NotStarted(description: "python3 not found") }
        process.executableURL = python
        var arguments = [Self.script.path, "--rows", rows.path, "--details", details.path, "--latency", String(latency)]
        if let units { arguments += ["--units", units.path] }
        if let pageSize { arguments += ["--page-size", String(pageSize)] }
        if let tls { arguments += ["--tls", tls.certificate.path, tls.key.path] }
        secure = tls != nil
        process.arguments = arguments
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Its first line names the port it listens on; it is serving by then.
        var text = ""
        let deadline = Date().addingTimeInterval(20)
        while !text.contains("\n"), Date() < deadline, process.isRunning {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        guard let line = text.split(separator: "\n").first, line.hasPrefix("PORT "), let port = Int(line.dropFirst(5)) else {
            process.terminate()
            throw NotStarted(description: "the replay server did not start: \(text)")
        }
        self.port = port
    }

    deinit { stop() }

    func stop() {
        guard process.isRunning else { return }
        try? input.fileHandleForWriting.close()
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Replaces the fault rules (see the script: target, id, after, times, fault, seconds).
    func faults(_ rules: [[String: Any]]) throws {
        _ = try control("/_control/faults", ["rules": rules])
    }

    /// Removes rows, adds or replaces details and rows, sets `reorder`.
    func change(_ catalogue: [String: Any]) throws {
        _ = try control("/_control/catalogue", catalogue)
    }

    func resetStats() throws {
        _ = try control("/_control/reset-stats", [:])
    }

    struct Stats {
        var raw: [String: Any]
        var requests: Int { raw["requests"] as? Int ?? -1 }
        var list: Int { raw["list"] as? Int ?? -1 }
        var detail: Int { raw["detail"] as? Int ?? -1 }
        var units: Int { raw["units"] as? Int ?? -1 }
        var mostAtOnce: Int { raw["most_at_once"] as? Int ?? -1 }
        var details: [String: Int] { raw["details"] as? [String: Int] ?? [:] }
        var userAgents: [String] { raw["user_agents"] as? [String] ?? [] }
        var listCursors: [String] { raw["list_cursors"] as? [String] ?? [] }
        var bytes: Int { raw["bytes"] as? Int ?? -1 }
    }

    func stats() throws -> Stats {
        Stats(raw: try control("/_control/stats", nil))
    }

    private func control(_ path: String, _ body: [String: Any]?) throws -> [String: Any] {
        guard let url = URL(string: api + path) else { throw NotStarted(description: "bad address \(api + path)") }
        var request = URLRequest(url: url, timeoutInterval: 10)
        if let body {
            request.httpMethod = "POST"
            request.httpBody = try JSONSerialization.data(withJSONObject: body)
        }
        let done = DispatchSemaphore(value: 0)
        let result = Box()
        URLSession.shared.dataTask(with: request) { data, _, error in
            result.data = data
            result.error = error
            done.signal()
        }.resume()
        done.wait()
        if let error = result.error { throw error }
        return (try JSONSerialization.jsonObject(with: result.data ?? Data()) as? [String: Any]) ?? [:]
    }

    private final class Box: @unchecked Sendable {
        var data: Data?
        var error: Error?
    }

    // MARK: - The fixture's catalogue, as the tests reason about it

    /// Every detail envelope of a fixture file, by id.
    static func envelopes(_ url: URL = details) throws -> [String: [String: Any]] {
        let text = try String(contentsOf: url, encoding: .utf8)
        let all: [Any] = text.hasPrefix("[") ? (try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [Any] ?? [])
            : try text.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) }
        var result: [String: [String: Any]] = [:]
        for case let envelope as [String: Any] in all {
            if let data = envelope["data"] as? [String: Any], let id = data["id"] as? String { result[id] = envelope }
        }
        return result
    }

    static func listRows(_ url: URL = rows) throws -> [[String: Any]] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [[String: Any]] ?? []
    }
}
