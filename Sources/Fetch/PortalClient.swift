import Foundation

/// The portal's API as tthc may use it: one base address, polite pacing, retries for what may
/// pass, and a halt for everything once the portal refuses (no request is sent after that).
public final class PortalClient: @unchecked Sendable {
    public let api: URL
    public let politeness: Politeness
    private let transport: PortalTransport
    private let lock = NSLock()
    private var halted: Halt?
    private var failuresInARow = 0
    private var counts = (requests: 0, bytes: 0)

    /// Why a run stopped before its end.
    public enum Halt: Sendable, Equatable {
        case refused(PortalAnswer.Refusal)
        /// Several requests in a row failed after all their retries.
        case unreachable(String)
    }

    public init(api: URL, politeness: Politeness, transport: PortalTransport) {
        self.api = api
        self.politeness = politeness
        self.transport = transport
    }

    public var halt: Halt? { lock.withLock { halted } }
    public var requests: Int { lock.withLock { counts.requests } }
    public var bytes: Int { lock.withLock { counts.bytes } }

    /// Posts `body` to `path` until it succeeds, fails for good, or the run halts (then `.refused`
    /// or `.transient` comes back without a request being sent).
    public func ask(_ path: String, body: Data) -> PortalAnswer {
        let url = api.appendingPathComponent(String(path.drop { $0 == "/" }))
        var attempt = 0
        while true {
            if let halt { return Self.answer(for: halt) }
            let exchange = transport.post(url, body: body)
            lock.withLock {
                counts.requests += 1
                counts.bytes += exchange.body.count
            }
            let answer = PortalAnswer.judge(exchange)
            switch answer {
            case .refused(let refusal):
                stop(.refused(refusal))
                return answer
            case .transient(let reason):
                guard attempt < politeness.retries else {
                    noteFailure(reason)
                    return answer
                }
                Thread.sleep(forTimeInterval: politeness.wait(beforeRetry: attempt))
                attempt += 1
            case .data, .failed:
                lock.withLock { failuresInARow = 0 }
                return answer
            }
        }
    }

    /// The pause between two requests of one worker (none before the run's first request, none
    /// once the run has halted).
    public func pause() {
        guard halt == nil, politeness.delay > 0, requests > 0 else { return }
        Thread.sleep(forTimeInterval: politeness.delay)
    }

    private func stop(_ reason: Halt) {
        lock.withLock { if halted == nil { halted = reason } }
    }

    private func noteFailure(_ reason: String) {
        let giveUp: Bool = lock.withLock {
            failuresInARow += 1
            return failuresInARow >= politeness.failuresBeforeGivingUp
        }
        if giveUp { stop(.unreachable(reason)) }
    }

    private static func answer(for halt: Halt) -> PortalAnswer {
        switch halt {
        case .refused(let refusal): return .refused(refusal)
        case .unreachable(let reason): return .transient(reason)
        }
    }
}
