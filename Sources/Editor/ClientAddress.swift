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
    public static func of(_ request: WebRequest, trusting given: Set<String>) -> String {
        // Compared as addresses, not as text: `0:0:0:0:0:0:0:1` is `::1`, `::ffff:127.0.0.1` is `127.0.0.1`.
        let proxies = Set(given.compactMap(canonical))
        let peer = canonical(request.peer) ?? request.peer
        guard proxies.contains(peer) else { return peer }
        let forwarded = request.headers.filter { $0.name.lowercased() == "x-forwarded-for" }
            .flatMap { $0.value.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
        var client = peer
        for entry in forwarded.reversed() {
            guard let address = canonical(entry) else { break }  // junk: stop at the last address a trusted proxy vouched for
            client = address
            if !proxies.contains(address) { break }
        }
        return client
    }

    /// The address written one way (inet_ntop's), an IPv4 address inside IPv6 as IPv4; nil when it
    /// is not an address.
    public static func canonical(_ text: String) -> String? {
        guard isAddress(text) else { return nil }
        var v4 = in_addr(), v6 = in6_addr()
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        if inet_pton(AF_INET, text, &v4) == 1 {
            return inet_ntop(AF_INET, &v4, &buffer, socklen_t(buffer.count)).map { String(cString: $0) }
        }
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
        let bytes = withUnsafeBytes(of: v6) { Array($0) }
        if bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF {
            return bytes[12...].map(String.init).joined(separator: ".")
        }
        return inet_ntop(AF_INET6, &v6, &buffer, socklen_t(buffer.count)).map { String(cString: $0) }
    }

    /// What the login limits count as one client: an IPv4 address, or an IPv6 address's /64, since
    /// one host is given a whole /64 and would otherwise be thousands of clients.
    public static func network(of address: String) -> String {
        var v6 = in6_addr()
        guard address.contains(":"), inet_pton(AF_INET6, address, &v6) == 1 else { return address }
        let bytes = withUnsafeBytes(of: v6) { Array($0) }
        return stride(from: 0, to: 8, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }.joined(separator: ":") + "::/64"
    }

    /// An IPv4 or IPv6 address, written as such (no port, no brackets, no name).
    public static func isAddress(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count <= 45 else { return false }
        var v4 = in_addr(), v6 = in6_addr()
        return inet_pton(AF_INET, text, &v4) == 1 || inet_pton(AF_INET6, text, &v6) == 1
    }
}
