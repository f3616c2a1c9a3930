import Foundation

/// Failed logins, counted per login name and per client address over a window: past the limit,
/// that name (or address) is refused until the window has passed, even with the right password,
/// so that guessing costs hours, not seconds. bcrypt's cost already makes each try slow.
public final class LoginThrottle: @unchecked Sendable {
    private let lock = NSLock()
    private var failures: [String: [Date]] = [:]
    public let window: TimeInterval
    public let perName: Int
    public let perAddress: Int

    public init(window: TimeInterval = 15 * 60, perName: Int = 5, perAddress: Int = 20) {
        self.window = window
        self.perName = perName
        self.perAddress = perAddress
    }

    /// Seconds to wait before `name` may try again from `address`; nil when it may try now.
    public func wait(name: String, address: String, now: Date = Date()) -> TimeInterval? {
        lock.lock()
        defer { lock.unlock() }
        var longest: TimeInterval?
        for (key, limit) in [("ten:" + name, perName), ("ip:" + address, perAddress)] {
            let recent = (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
            failures[key] = recent.isEmpty ? nil : recent
            if recent.count >= limit, let first = recent.first {
                longest = max(longest ?? 0, window - now.timeIntervalSince(first))
            }
        }
        return longest
    }

    public func failed(name: String, address: String, now: Date = Date()) {
        lock.lock()
        defer { lock.unlock() }
        // Bounded: names typed by an attacker are many; the oldest keys go when there are too many.
        if failures.count > 50_000 { failures = failures.filter { now.timeIntervalSince($0.value.last ?? now) < window } }
        failures["ten:" + name, default: []].append(now)
        failures["ip:" + address, default: []].append(now)
    }

    public func succeeded(name: String) {
        lock.lock()
        failures["ten:" + name] = nil
        lock.unlock()
    }
}
