import CCurl
import Foundation

/// POSTs JSON to the portal over libcurl's easy API, one exchange at a time per caller thread.
/// Redirects are not followed (an API that moved is reported, not chased), cookies are never
/// kept, each exchange is bounded as a whole by `timeout`, and answers are capped in size.
///
/// Why libcurl and not URLSession: on Linux, URLSession has no backpressure. It reads as fast as
/// the server sends and queues each chunk for its delegate, so a cap checked there comes too late:
/// an endless body reached 15 GB of memory and 72 s before the cancel took effect (issue 15).
/// libcurl calls `receive` synchronously from the transfer itself, so nothing is read past the
/// cap and memory stays bounded by it. The only file that imports libcurl.
public final class CurlTransport: PortalTransport, @unchecked Sendable {
    private let timeout: TimeInterval
    private let userAgent: String
    private let maximumBytes: Int
    /// Easy handles not in use. A handle keeps its connections open between exchanges (as a
    /// browser would); one is never used by two threads at once.
    private var idle: [UnsafeMutableRawPointer] = []
    private let lock = NSLock()

    /// libcurl's process-wide set-up, once, before the first handle (thread-safe as a static).
    private static let ready: Bool = tthc_curl_global_init() == CURLE_OK

    public init(timeout: TimeInterval, userAgent: String, maximumBytes: Int = 32 << 20) {
        self.timeout = timeout
        self.userAgent = userAgent
        self.maximumBytes = maximumBytes
    }

    deinit {
        for handle in idle { curl_easy_cleanup(handle) }
    }

    public func post(_ url: URL, body: Data) -> HTTPExchange {
        guard Self.ready, let handle = lock.withLock({ idle.popLast() }) ?? curl_easy_init() else {
            return HTTPExchange(failure: .network("lỗi mạng (network error: libcurl could not start)"))
        }
        defer { lock.withLock { idle.append(handle) } }
        // Every option set afresh; the handle's open connections survive the reset.
        curl_easy_reset(handle)

        var headers: UnsafeMutablePointer<curl_slist>?
        // "Expect:" keeps libcurl from waiting for a 100 Continue the portal may never send.
        for line in ["Content-Type: application/json", "Accept: application/json", "Expect:"] {
            headers = curl_slist_append(headers, line)
        }
        defer { curl_slist_free_all(headers) }

        let received = Received(limit: maximumBytes)
        let box = Unmanaged.passRetained(received)
        defer { box.release() }

        // String options are copied by libcurl; POSTFIELDS is not (see below).
        _ = tthc_curl_set_string(handle, CURLOPT_URL, url.absoluteString)
        _ = tthc_curl_set_string(handle, CURLOPT_PROTOCOLS_STR, "http,https")
        _ = tthc_curl_set_string(handle, CURLOPT_USERAGENT, userAgent)
        _ = tthc_curl_set_pointer(handle, CURLOPT_HTTPHEADER, UnsafeMutableRawPointer(headers))
        // Whatever encodings this libcurl decodes; the cap counts decoded bytes.
        _ = tthc_curl_set_string(handle, CURLOPT_ACCEPT_ENCODING, "")
        _ = tthc_curl_set_long(handle, CURLOPT_FOLLOWLOCATION, 0)
        // Threads: no SIGALRM for timeouts (libcurl's threaded resolver needs no signals either).
        _ = tthc_curl_set_long(handle, CURLOPT_NOSIGNAL, 1)
        let milliseconds = max(1, Int((timeout * 1000).rounded(.up)))
        _ = tthc_curl_set_long(handle, CURLOPT_TIMEOUT_MS, milliseconds)
        _ = tthc_curl_set_long(handle, CURLOPT_CONNECTTIMEOUT_MS, milliseconds)
        _ = tthc_curl_set_write_function(handle, receive)
        _ = tthc_curl_set_pointer(handle, CURLOPT_WRITEDATA, box.toOpaque())

        // libcurl reads the body from this buffer during the transfer, so the transfer runs
        // inside the closure (an empty body still needs a valid pointer).
        let payload = body.isEmpty ? Data([0]) : body
        let code: CURLcode = payload.withUnsafeBytes { raw in
            _ = tthc_curl_set_long(handle, CURLOPT_POSTFIELDSIZE, body.count)
            _ = tthc_curl_set_pointer(handle, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: raw.baseAddress))
            return curl_easy_perform(handle)
        }

        var status = 0
        _ = tthc_curl_get_long(handle, CURLINFO_RESPONSE_CODE, &status)
        var redirect: UnsafeMutablePointer<CChar>?
        _ = tthc_curl_get_string(handle, CURLINFO_REDIRECT_URL, &redirect)
        let location = redirect.map { String(cString: $0) }

        if code == CURLE_OK { return HTTPExchange(status: status, location: location, body: received.data) }
        if code == CURLE_WRITE_ERROR, let total = received.refused {
            return HTTPExchange(status: status, location: location, failure: .tooLarge(total))
        }
        if code == CURLE_OPERATION_TIMEDOUT { return HTTPExchange(failure: .timedOut) }
        return HTTPExchange(status: status, location: location, body: received.data, failure: .network(Self.describe(code)))
    }

    private static func describe(_ code: CURLcode) -> String {
        switch code {
        case CURLE_PARTIAL_FILE, CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING:
            return "mất kết nối hoặc bị ngắt giữa chừng (connection lost or reset)"
        case CURLE_COULDNT_CONNECT: return "không kết nối được (connection refused)"
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: return "không tìm thấy máy chủ (host not found)"
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
             CURLE_SSL_CACERT_BADFILE, CURLE_SSL_SHUTDOWN_FAILED, CURLE_SSL_CRL_BADFILE, CURLE_SSL_ISSUER_ERROR,
             CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS:
            return "lỗi kết nối bảo mật TLS (TLS failure)"
        default:
            return "lỗi mạng (network error \(code.rawValue): \(String(cString: curl_easy_strerror(code))))"
        }
    }
}

/// What one exchange received so far, reached from libcurl's write callback through its userdata.
private final class Received {
    let limit: Int
    var data = Data()
    /// The size the body would have reached when it passed the cap; nothing more was kept.
    var refused: Int?

    init(limit: Int) { self.limit = limit }
}

/// libcurl's write callback, called on the thread running the transfer, chunk by chunk. Returning
/// less than it was given aborts the transfer (CURLE_WRITE_ERROR): past the cap nothing is read.
private func receive(_ chunk: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ userdata: UnsafeMutableRawPointer?) -> Int {
    guard let userdata else { return 0 }
    let received = Unmanaged<Received>.fromOpaque(userdata).takeUnretainedValue()
    let bytes = size * count
    guard bytes > 0, let chunk else { return bytes }
    let total = received.data.count + bytes
    guard total <= received.limit else {
        received.refused = total
        received.data = Data()
        return 0
    }
    received.data.append(UnsafeRawPointer(chunk).assumingMemoryBound(to: UInt8.self), count: bytes)
    return bytes
}
