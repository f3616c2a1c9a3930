import Foundation

/// A value made the first time it is asked for, once, whichever thread asks first (the others
/// wait for it). A plan's compliance report is one: `tthc serve` plans the site again after every
/// save, and the report was a fifth of that wait at 10,000 procedures, for a page rarely looked at.
final class Deferred<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var made: Value?
    private var make: (() -> Value)?

    init(_ make: @escaping () -> Value) {
        self.make = make
    }

    var value: Value {
        lock.lock()
        defer { lock.unlock() }
        if let made { return made }
        let value = make!()
        made = value
        // What it was made from is let go with the closure.
        make = nil
        return value
    }
}
