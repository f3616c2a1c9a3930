import Foundation

/// What one HTTP exchange with the portal gave, before anyone judges it: a status and a body,
/// or the transport's failure (CurlTransport in the command, a stub in tests).
public struct HTTPExchange: Sendable {
    public enum Failure: Sendable, Equatable {
        /// No answer within the time allowed.
        case timedOut
        /// Reset, refused, lost, cut before the promised length, no route: the network's fault.
        case network(String)
        /// Bigger than any real answer: a hostile or broken server, not read further.
        case tooLarge(Int)
    }

    public var status: Int
    public var location: String?
    public var body: Data
    public var failure: Failure?

    public init(status: Int = 0, location: String? = nil, body: Data = Data(), failure: Failure? = nil) {
        self.status = status
        self.location = location
        self.body = body
        self.failure = failure
    }
}

/// Anything that can post JSON to the portal (CurlTransport in the command, a stub in tests).
public protocol PortalTransport: Sendable {
    func post(_ url: URL, body: Data) -> HTTPExchange
}
