import Foundation

/// The preview's reload, asked as a long poll: `/__tthc/phien?sau=N` is answered as soon as the
/// build after build N is shown (or after `reloadWait`), so that a saved page reloads the moment it
/// is rebuilt, not at the next of its looks a quarter of a second apart.
extension EditorServer {
    /// How long one ask is held before it is answered with the same build: shorter than the time
    /// browsers and proxies give up on a quiet request.
    public static let reloadWait: Duration = .seconds(25)

    /// At most this many asks are held at once (a clerk's few tabs); more are answered at once, and
    /// their pages ask again a quarter of a second later, as before.
    public static let heldAskLimit = 16

    /// The build number a request asks to wait past, if it is an ask that may be held: by a visitor
    /// with a session (the preview is theirs), for the build shown now.
    public func reloadAsk(_ request: WebRequest) -> Int? {
        guard request.method == "GET", request.path == "/__tthc/phien",
              let seen = Self.seenBuild(in: request.query), seen == preview.generation,
              sessions.session(request.cookies[Self.sessionCookie]) != nil else { return nil }
        return seen
    }

    /// Returns when the preview shows another build than `seen`, or after `wait`.
    public func waitForBuild(after seen: Int, wait: Duration = reloadWait) async {
        guard heldAsks.enter(limit: Self.heldAskLimit) else { return }
        defer { heldAsks.leave() }
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

/// How many asks are held now.
final class HeldAsks: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func enter(limit: Int) -> Bool {
        lock.withLock {
            guard count < limit else { return false }
            count += 1
            return true
        }
    }

    func leave() {
        lock.withLock { count -= 1 }
    }
}
