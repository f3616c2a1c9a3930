import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Who sent a request, as the login limits and the audit log count it. Behind the province's HTTPS
/// proxy every connection comes from the proxy, so all clerks would share one address and 20
/// failures would lock everyone out; `--trusted-proxy ADDR` names the proxies whose
/// `X-Forwarded-For` is believed. Only those: anyone else can write that header.
public enum ClientAddress {
    /// The connection's peer, or, when the peer is a trusted proxy, the rightmost address of
    /// `X-Forwarded-For` that is not itself a trusted proxy (each proxy appends the one it saw,
    /// so entries to the left of it were written by the client and prove nothing).
    public static func of(_ request: WebRequest, trusting proxies: Set<String>) -> String {
        guard proxies.contains(request.peer) else { return request.peer }
        let forwarded = request.headers.filter { $0.name.lowercased() == "x-forwarded-for" }
            .flatMap { $0.value.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
        var client = request.peer
        for entry in forwarded.reversed() {
            guard isAddress(entry) else { break }  // junk: stop at the last address a trusted proxy vouched for
            client = entry
            if !proxies.contains(entry) { break }
        }
        return client
    }

    /// An IPv4 or IPv6 address, written as such (no port, no brackets, no name).
    public static func isAddress(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count <= 45 else { return false }
        var v4 = in_addr(), v6 = in6_addr()
        return inet_pton(AF_INET, text, &v4) == 1 || inet_pton(AF_INET6, text, &v6) == 1
    }
}
