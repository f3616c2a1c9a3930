import Foundation
import Records
import Site
#if canImport(Glibc)
import Glibc
#endif

/// The HTTP server of `tthc serve`: the site built in memory, on 127.0.0.1 only. Each page gets a
/// small script that reloads it when a rebuild finishes, and, while a record has errors, a panel
/// at the top listing them, written into the HTML itself so it reads without JavaScript.
final class PreviewServer: @unchecked Sendable {
    private let lock = NSLock()
    private var preview: SitePreview?
    private var problemsHTML = ""
    private var generation = 0
    private var listener: Int32 = -1

    /// Replaces what is served; a preview that did not build keeps the last good one (shown under the panel).
    func update(_ newPreview: SitePreview?, problemsHTML html: String) {
        lock.lock()
        defer { lock.unlock() }
        if let newPreview, newPreview.isBuilt { preview = newPreview }
        problemsHTML = html
        generation += 1
    }

    /// Listens on 127.0.0.1:`port` (0: any free port) and answers on a thread of its own.
    func start(port: Int) throws -> Int {
        listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0 else { throw CannotListen(port: port, errno: errno) }
        var yes: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 64) == 0 else {
            let error = errno
            close(listener)
            throw CannotListen(port: port, errno: error)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = getsockname(listener, $0, &length) }
        }
        let server = self
        Thread.detachNewThread { server.acceptLoop() }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// The port could not be opened: in use (the usual case: another `tthc serve`), or refused.
    struct CannotListen: ExplainedError {
        var port: Int
        var errno: Int32

        var explanation: Localized {
            if errno == EADDRINUSE {
                return Localized(vi: "cổng \(port) đang bận (có thể một tthc serve khác đang chạy); dùng --port khác, hoặc --port 0 để chọn cổng còn trống",
                                 en: "port \(port) is in use (perhaps by another tthc serve); use another --port, or --port 0 for any free one")
            }
            let cause = String(cString: strerror(errno))
            return Localized(vi: "không mở được cổng \(port) trên 127.0.0.1: \(cause) (errno \(errno)); dùng --port khác",
                             en: "cannot listen on 127.0.0.1:\(port): \(cause) (errno \(errno)); use another --port")
        }
    }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            guard client >= 0 else { continue }
            let server = self
            Thread.detachNewThread { server.answer(client) }
        }
    }

    private func answer(_ client: Int32) {
        defer { close(client) }
        var request = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while request.count < 65_536, !request.ends(with: [13, 10, 13, 10]) {
            let count = read(client, &buffer, buffer.count)
            guard count > 0 else { break }
            request += buffer[0..<count]
        }
        let line = String(decoding: request.prefix { $0 != 13 && $0 != 10 }, as: UTF8.self).split(separator: " ")
        guard line.count >= 2 else { return }
        let (status, type, body, location) = response(for: String(line[1]))
        var head = "HTTP/1.1 \(status)\r\nContent-Type: \(type)\r\nContent-Length: \(body.count)\r\nCache-Control: no-store\r\nConnection: close\r\n"
        if let location { head += "Location: \(location)\r\n" }
        let bytes = Array((head + "\r\n").utf8) + (line[0] == "HEAD" ? [] : [UInt8](body))
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { write(client, $0.baseAddress, $0.count) }
            guard count > 0 else { return }
            sent += count
        }
    }

    private func response(for target: String) -> (String, String, Data, String?) {
        lock.lock()
        defer { lock.unlock() }
        var path = String(target.split(separator: "?", maxSplits: 1).first ?? "")
        path = path.removingPercentEncoding ?? path
        if path == "/__tthc/phien" { return ("200 OK", "text/plain; charset=utf-8", Data("\(generation)".utf8), nil) }
        var key = String(path.drop { $0 == "/" })
        if key.isEmpty || key.hasSuffix("/") { key += "index.html" }
        let data = preview?.file(key)
        if data == nil, preview?.file(key + "/index.html") != nil { return ("301 Moved Permanently", "text/plain", Data(), path + "/") }
        guard let data else {
            let page = preview?.file("404.html") ?? Data()
            return ("404 Not Found", "text/html; charset=utf-8", decorate(page), nil)
        }
        let type = Self.types[(key as NSString).pathExtension] ?? "application/octet-stream"
        return ("200 OK", type, type.hasPrefix("text/html") ? decorate(data) : data, nil)
    }

    /// The error panel after `<body>`, the reload script before `</body>`.
    private func decorate(_ page: Data) -> Data {
        var html = String(decoding: page, as: UTF8.self)
        if html.isEmpty { html = "<!DOCTYPE html><html lang=\"vi\"><meta charset=\"utf-8\"><title>tthc</title><body></body></html>" }
        let script = """
            <script>(function(){var g=\(generation);setInterval(function(){fetch('/__tthc/phien').then(function(r){return r.text()})\
            .then(function(t){if(+t!==g)location.reload()}).catch(function(){})},100)})()</script>
            """
        if let body = html.range(of: "<body>") { html.insert(contentsOf: problemsHTML, at: body.upperBound) }
        if let end = html.range(of: "</body>", options: .backwards) { html.insert(contentsOf: script, at: end.lowerBound) }
        return Data(html.utf8)
    }

    static let types = [
        "html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8",
        "json": "application/json", "xml": "application/xml; charset=utf-8", "txt": "text/plain; charset=utf-8",
        "png": "image/png", "jpg": "image/jpeg", "svg": "image/svg+xml", "pdf": "application/pdf",
    ]
}

private extension Array where Element == UInt8 {
    func ends(with suffix: [UInt8]) -> Bool { count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix }
}
