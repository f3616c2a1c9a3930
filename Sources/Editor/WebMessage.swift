/// A request as the editor needs it, whatever HTTP server read it (the server is an adapter:
/// `TTHCCLI/ServeCommand`); tests build these directly.
public struct WebRequest: Sendable {
    public var method: String
    /// The path as sent, still percent-encoded (`/__tthc/sua/1.001193`).
    public var path: String
    public var query: String
    /// Header names in lowercase.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// The client's address (the proxy's, behind one).
    public var peer: String

    public init(method: String, path: String, query: String = "", headers: [(name: String, value: String)] = [], body: [UInt8] = [], peer: String = "127.0.0.1") {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.peer = peer
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.name == name }?.value
    }

    /// The cookies sent (the first of a name wins: a cookie set for a wider path cannot shadow ours).
    public var cookies: [String: String] {
        var found: [String: String] = [:]
        for header in headers where header.name == "cookie" {
            for part in header.value.split(separator: ";") {
                let pair = part.split(separator: "=", maxSplits: 1)
                guard pair.count == 2 else { continue }
                let name = pair[0].trimmingCharacters(in: .whitespaces)
                if found[name] == nil { found[name] = pair[1].trimmingCharacters(in: .whitespaces) }
            }
        }
        return found
    }
}

public struct WebResponse: Sendable, Error {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    static func html(_ status: Int, _ page: String) -> WebResponse {
        WebResponse(status: status, headers: [("content-type", "text/html; charset=utf-8")], body: Array(page.utf8))
    }

    static func redirect(_ location: String) -> WebResponse {
        WebResponse(status: 303, headers: [("location", location), ("content-type", "text/plain; charset=utf-8")])
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.name == name }?.value
    }
}

import Foundation
