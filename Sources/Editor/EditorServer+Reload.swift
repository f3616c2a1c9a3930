import Foundation

/// The preview's reload, asked as a long poll: `/__tthc/phien?sau=N` is answered as soon as the
/// build after build N is shown (or after `reloadWait`), so that a saved page reloads the moment it
/// is rebuilt, not at the next of its looks a quarter of a second apart.
extension EditorServer {
    /// How long one ask is held before it is answered with the same build: shorter than the time
    /// browsers and proxies give up on a quiet request.
    public static let reloadWait: Duration = .seconds(25)

    /// At most this many asks are held at once, and one per session: a browser opens six
    /// connections to a server, and six tabs each holding one left none for pages and saves. The
    /// other asks are answered at once, and their pages ask again a quarter of a second later.
    public static let heldAskLimit = 16

    /// The build number a request asks to wait past, and its session, if it is an ask that may be
    /// held: by a visitor with a session (the preview is theirs), for the build shown now.
    public func reloadAsk(_ request: WebRequest) -> (seen: Int, session: String)? {
        guard request.method == "GET", request.path == "/__tthc/phien",
              let seen = Self.seenBuild(in: request.query), seen == preview.generation,
              let session = request.cookies[Self.sessionCookie], sessions.session(session) != nil else { return nil }
        return (seen, session)
    }

    /// Returns when the preview shows another build than `seen`, or after `wait`; at once when
    /// another ask of `session` is held, or too many are.
    public func waitForBuild(after seen: Int, session: String, wait: Duration = reloadWait) async {
        guard heldAsks.enter(session, limit: Self.heldAskLimit) else { return }
        defer { heldAsks.leave(session) }
        let clock = ContinuousClock()
        let deadline = clock.now + wait
        // A look every 20 ms costs a held ask next to nothing, and needs no signal from the build.
        while preview.generation == seen, clock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    /// `sau=N` of the query.
    static func seenBuild(in query: String) -> Int? {
        for pair in query.split(separator: "&") where pair.hasPrefix("sau=") {
            return Int(pair.dropFirst(4))
        }
        return nil
    }
}

/// The sessions whose ask is held now.
final class HeldAsks: @unchecked Sendable {
    private let lock = NSLock()
    private var sessions: Set<String> = []

    func enter(_ session: String, limit: Int) -> Bool {
        lock.withLock {
            guard sessions.count < limit, !sessions.contains(session) else { return false }
            sessions.insert(session)
            return true
        }
    }

    func leave(_ session: String) {
        _ = lock.withLock { sessions.remove(session) }
    }
}
