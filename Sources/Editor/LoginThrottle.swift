import Foundation

/// Failed logins, counted over a window per login name from one address, per address, and per
/// name from everywhere: past a limit, that name (or address) is refused until the window has
/// passed, even with the right password, so that guessing costs hours, not seconds (bcrypt's cost
/// already makes each try slow). The name's own limit counts one address's tries: one attacker
/// cannot lock a clerk out from the clerk's own machine, only many addresses together can.
public final class LoginThrottle: @unchecked Sendable {
    private let lock = NSLock()
    private var failures: [String: [Date]] = [:]
    public let window: TimeInterval
    public let perNameFromOneAddress: Int
    public let perAddress: Int
    public let perName: Int

    public init(window: TimeInterval = 15 * 60, perNameFromOneAddress: Int = 5, perAddress: Int = 20, perName: Int = 100) {
        self.window = window
        self.perNameFromOneAddress = perNameFromOneAddress
        self.perAddress = perAddress
        self.perName = perName
    }

    private func keys(_ name: String, _ address: String) -> [(String, Int)] {
        [("ten:\(name)@\(address)", perNameFromOneAddress), ("ip:" + address, perAddress), ("ten:" + name, perName)]
    }

    /// Seconds to wait before `name` may try again from `address`; nil when it may try now.
    public func wait(name: String, address: String, now: Date = Date()) -> TimeInterval? {
        lock.lock()
        defer { lock.unlock() }
        var longest: TimeInterval?
        for (key, limit) in keys(name, address) {
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
        for (key, _) in keys(name, address) { failures[key, default: []].append(now) }
    }

    /// The right password from this address: its own count for the name starts again.
    public func succeeded(name: String, address: String) {
        lock.lock()
        failures["ten:\(name)@\(address)"] = nil
        lock.unlock()
    }
}
