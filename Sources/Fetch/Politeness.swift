/// How hard tthc may press on the portal: few requests at once, a pause between them, a bounded
/// wait for each, and retries that wait longer each time.
public struct Politeness: Sendable, Equatable {
    /// Requests in flight at once (at most `maximumConcurrency`).
    public var concurrency = 1
    /// Seconds each worker waits between the end of a request and the start of its next.
    public var delay = 0.4
    /// Seconds one request may take, connection to last byte.
    public var timeout = 30.0
    /// Attempts after the first, for network failures, resets, truncated bodies and 5xx only.
    public var retries = 3
    /// Seconds before the first retry; each next wait doubles (1, 2, 4 … at most a minute).
    public var retryWait = 1.0
    /// Requests in a row that failed after all their retries: the network or the portal is gone.
    public var failuresBeforeGivingUp = 3

    public static let maximumConcurrency = 3

    public init() {}

    func wait(beforeRetry attempt: Int) -> Double {
        min(60, retryWait * Double(1 << min(attempt, 16)))
    }
}
