import Foundation

/// Who is logged in: a random id per session (the cookie), never chosen by the browser, made anew
/// at each login (so an id planted before login is worthless), ended by logout or its expiry.
/// Each session has its own CSRF token, which every form and every request that changes anything carries.
public final class Sessions: @unchecked Sendable {
    public struct Session: Sendable {
        public var editor: EditRights.Editor
        public var csrf: String
        public var expires: Date
    }

    private let lock = NSLock()
    private var sessions: [String: Session] = [:]
    public let lifetime: TimeInterval
    /// Past this many live sessions, the oldest go first (a flood of logins cannot fill memory).
    static let limit = 10_000

    public init(lifetime: TimeInterval = 8 * 3600) {
        self.lifetime = lifetime
    }

    /// A new session for `editor`; returns its id (for the cookie).
    public func start(_ editor: EditRights.Editor, now: Date = Date()) -> String {
        let id = Token.make()
        lock.lock()
        defer { lock.unlock() }
        sessions = sessions.filter { $0.value.expires > now }
        if sessions.count >= Self.limit, let oldest = sessions.min(by: { $0.value.expires < $1.value.expires })?.key {
            sessions[oldest] = nil
        }
        sessions[id] = Session(editor: editor, csrf: Token.make(), expires: now.addingTimeInterval(lifetime))
        return id
    }

    public func session(_ id: String?, now: Date = Date()) -> Session? {
        guard let id, Token.isWellFormed(id) else { return nil }
        lock.lock()
        defer { lock.unlock() }
        guard let session = sessions[id] else { return nil }
        guard session.expires > now else {
            sessions[id] = nil
            return nil
        }
        return session
    }

    public func end(_ id: String?) {
        guard let id else { return }
        lock.lock()
        sessions[id] = nil
        lock.unlock()
    }
}

/// Random tokens for sessions and CSRF: 32 bytes from the system's generator (getrandom on Linux), hex.
public enum Token {
    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    static func isWellFormed(_ token: String) -> Bool {
        token.utf8.count == 64 && token.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }
    }

    /// Compares in a time that does not depend on where they differ.
    public static func same(_ a: String?, _ b: String?) -> Bool {
        guard let a, let b else { return false }
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count, !x.isEmpty else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}
