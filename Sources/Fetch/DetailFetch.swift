import Foundation

/// The details that are due, asked for by at most `concurrency` workers, each pausing between its
/// requests; each answer is judged (the envelope, the id asked for), kept or left out by the
/// site's scope, and written to the journal at once. Once the portal refuses, no worker asks again.
struct DetailFetch {
    var client: PortalClient
    var journal: FetchJournal
    var scope: FetchScope
    var progress: (@Sendable (Int, Int) -> Void)?

    struct Result {
        var failed: [FetchOutcome.Failure] = []
        var unmappable: [String] = []
    }

    func run(_ rows: [ListedProcedure], alreadyDone: Int, total: Int) -> Result {
        let shared = Shared(rows: rows, done: alreadyDone)
        let workers = max(1, min(client.politeness.concurrency, Politeness.maximumConcurrency, rows.count))
        let group = DispatchGroup()
        if !rows.isEmpty { client.pause() }  // after the list's last page
        for _ in 0..<workers {
            group.enter()
            let thread = Thread { [self] in
                defer { group.leave() }
                var first = true
                while client.halt == nil, let row = shared.next() {
                    if !first { client.pause() }
                    first = false
                    fetch(row, into: shared)
                    progress?(shared.finished(), total)
                }
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        group.wait()
        return shared.result
    }

    private func fetch(_ row: ListedProcedure, into shared: Shared) {
        switch client.ask(PortalEndpoint.detail, body: PortalEndpoint.detailBody(id: row.id)) {
        case .data(let data):
            guard let procedure = data as? [String: Any] else {
                return shared.fail(row, "dữ liệu không phải một thủ tục (data is not a procedure)")
            }
            let answered = (procedure["id"] as? String) ?? ""
            guard answered.lowercased() == row.id.lowercased() else {
                return shared.fail(row, "cổng trả về thủ tục khác: hỏi id \(row.id), nhận id \(Shown.text(answered, limit: 60)) (answered another id)")
            }
            let code = ((procedure["code"] as? String) ?? row.code).trimmingCharacters(in: .whitespacesAndNewlines)
            let decision = scope.keeps(procedure, listedCode: row.code)
            if !decision.mappable { shared.unmappable(code.isEmpty ? row.id : code) }
            if decision.kept {
                let envelope: [String: Any] = ["code": "OK", "data": procedure, "message": "OK"]
                journal.record(id: row.id, code: code, envelope: envelope, line: ExportLine.canonical(envelope))
            } else {
                journal.record(id: row.id, code: code, envelope: nil, line: nil)
            }
        case .failed(let reason):
            shared.fail(row, reason)
        case .transient(let reason):
            // After a halt the detail was not really tried: the run stops, nothing is counted.
            if client.halt == nil { shared.fail(row, reason) }
        case .refused:
            break
        }
    }

    /// The queue of rows and what the workers found, behind one lock.
    private final class Shared: @unchecked Sendable {
        private let lock = NSLock()
        private let rows: [ListedProcedure]
        private var index = 0
        private var done: Int
        private(set) var result = Result()

        init(rows: [ListedProcedure], done: Int) {
            self.rows = rows
            self.done = done
        }

        func next() -> ListedProcedure? {
            lock.withLock {
                guard index < rows.count else { return nil }
                defer { index += 1 }
                return rows[index]
            }
        }

        func finished() -> Int { lock.withLock { done += 1; return done } }

        func fail(_ row: ListedProcedure, _ reason: String) {
            lock.withLock { result.failed.append(.init(id: row.id, code: row.code, reason: reason)) }
        }

        func unmappable(_ code: String) { lock.withLock { result.unmappable.append(code) } }
    }
}
