import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// What one HTTP exchange with the portal gave, before anyone judges it: a status and a body,
/// or the transport's failure. The only file that talks to URLSession.
public struct HTTPExchange: Sendable {
    public enum Failure: Sendable, Equatable {
        /// No answer within the time allowed (also how Foundation on Linux reports a connection
        /// reset on a kept-alive connection: only when the time is up).
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

/// Anything that can post JSON to the portal (URLSession in the command, a stub in tests).
public protocol PortalTransport: Sendable {
    func post(_ url: URL, body: Data) -> HTTPExchange
}

/// POSTs over URLSession, one answer at a time per caller thread. Redirects are not followed
/// (an API that moved is reported, not chased), answers are capped in size, and each request is
/// bounded by its own watchdog whatever URLSession's timers do.
public final class URLSessionTransport: NSObject, PortalTransport, URLSessionDataDelegate, @unchecked Sendable {
    private let timeout: TimeInterval
    private let userAgent: String
    private let maximumBytes: Int
    private var session: URLSession!
    private let lock = NSLock()
    private var pending: [Int: Pending] = [:]

    private final class Pending {
        var data = Data()
        var response: HTTPURLResponse?
        var failure: HTTPExchange.Failure?
        let done = DispatchSemaphore(value: 0)
    }

    public init(timeout: TimeInterval, userAgent: String, maximumBytes: Int = 32 << 20) {
        self.timeout = timeout
        self.userAgent = userAgent
        self.maximumBytes = maximumBytes
        super.init()
        let configuration = URLSessionConfiguration.ephemeral
        // URLSession's own timers only back up the watchdog in `post`: on Linux they count whole
        // seconds (under one second they fire at once), so they are set a little beyond it.
        configuration.timeoutIntervalForRequest = timeout.rounded(.up) + 1
        configuration.timeoutIntervalForResource = timeout.rounded(.up) + 1
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1
        session = URLSession(configuration: configuration, delegate: self, delegateQueue: queue)
    }

    deinit { session?.invalidateAndCancel() }

    public func post(_ url: URL, body: Data) -> HTTPExchange {
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout.rounded(.up) + 1)
        request.httpMethod = "POST"
        request.httpBody = body
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        request.setValue(userAgent, forHTTPHeaderField: "User-Agent")
        let task = session.dataTask(with: request)
        let state = Pending()
        lock.withLock { pending[task.taskIdentifier] = state }
        defer { _ = lock.withLock { pending.removeValue(forKey: task.taskIdentifier) } }
        task.resume()
        // The bound on the whole exchange, connection to last byte, whatever URLSession does.
        if state.done.wait(timeout: .now() + timeout) == .timedOut {
            task.cancel()
            return HTTPExchange(failure: .timedOut)
        }
        return lock.withLock {
            HTTPExchange(status: state.response?.statusCode ?? 0,
                         location: state.response?.value(forHTTPHeaderField: "Location"),
                         body: state.data, failure: state.failure)
        }
    }

    public func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                           completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        lock.withLock { pending[dataTask.taskIdentifier]?.response = response as? HTTPURLResponse }
        completionHandler(.allow)
    }

    public func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let over: Bool = lock.withLock {
            // Past the cap nothing more is kept: the cancel takes effect only after chunks already
            // on their way (an endless body had 170 MB held before it stopped).
            guard let state = pending[dataTask.taskIdentifier], state.failure == nil else { return false }
            guard state.data.count + data.count > maximumBytes else {
                state.data.append(data)
                return false
            }
            state.failure = .tooLarge(state.data.count + data.count)
            state.data = Data()
            return true
        }
        if over { dataTask.cancel() }
    }

    public func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                           newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
        completionHandler(nil)
    }

    public func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        lock.withLock {
            guard let state = pending[task.taskIdentifier] else { return }
            if let response = task.response as? HTTPURLResponse, state.response == nil { state.response = response }
            if let error, state.failure == nil {
                let code = (error as? URLError)?.code
                state.failure = code == .timedOut ? .timedOut : .network(Self.describe(error))
            }
            state.done.signal()
        }
    }

    private static func describe(_ error: Error) -> String {
        switch (error as? URLError)?.code {
        case .networkConnectionLost?: return "mất kết nối hoặc bị ngắt giữa chừng (connection lost or reset)"
        case .cannotConnectToHost?: return "không kết nối được (connection refused)"
        case .cannotFindHost?, .dnsLookupFailed?: return "không tìm thấy máy chủ (host not found)"
        case .notConnectedToInternet?: return "không có mạng (not connected)"
        case .secureConnectionFailed?, .serverCertificateUntrusted?, .serverCertificateHasBadDate?:
            return "lỗi kết nối bảo mật TLS (TLS failure)"
        default: return "lỗi mạng (network error \((error as? URLError)?.code.rawValue ?? -1))"
        }
    }
}
