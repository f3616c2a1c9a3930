import Catalog
import Foundation

/// How an answer of the portal is judged. Success is the envelope `{"code": "OK", "data": …}`,
/// never the HTTP status alone (the portal answers 201, and its firewall answers 200 with a web
/// page). What may pass with time is retried; a refusal stops the whole run.
public enum PortalAnswer {
    /// The envelope's `data`.
    case data(Any)
    /// Worth asking again after a wait: the network, a 5xx, a body cut short.
    case transient(String)
    /// This request failed for good (an error envelope, a 4xx, something that is not the API's).
    case failed(String)
    /// The portal refuses us: no more requests in this run.
    case refused(Refusal)

    public enum Refusal: Sendable, Equatable {
        /// HTTP 200 with the firewall's "Request Rejected" page.
        case firewall
        /// 401, 403 or 429.
        case status(Int)
        /// Another web page where JSON was expected (maintenance, a login portal, a proxy's page).
        case webPage(status: Int)
        /// The API answered with a redirection, which is not followed.
        case redirect(String?)
    }

    public static func judge(_ exchange: HTTPExchange) -> PortalAnswer {
        switch exchange.failure {
        case .timedOut?: return .transient("quá thời gian chờ (timed out)")
        case .network(let reason)?: return .transient(reason)
        case .tooLarge(let bytes)?: return .failed("câu trả lời quá lớn, hơn \(bytes) byte (answer too large)")
        case nil: break
        }
        let status = exchange.status
        if [401, 403, 429].contains(status) { return .refused(.status(status)) }
        if (300..<400).contains(status) { return .refused(.redirect(exchange.location.map { Shown.text($0) })) }
        if status >= 500 { return .transient("máy chủ lỗi HTTP \(status) (server error)") }
        if looksLikeHTML(exchange.body) {
            let text = String(decoding: exchange.body.prefix(4096), as: UTF8.self)
            if text.range(of: "Request Rejected", options: .caseInsensitive) != nil { return .refused(.firewall) }
            return status >= 400 ? .failed("HTTP \(status)") : .refused(.webPage(status: status))
        }
        if status >= 400 || status < 200 { return .failed("HTTP \(status)") }
        guard let object = parsed(exchange.body) else {
            // JSON that stops early is a transfer cut short; anything else is not the API's answer.
            let first = exchange.body.first { !isSpace($0) }
            if (first == UInt8(ascii: "{") || first == UInt8(ascii: "[")) && isCutShort(exchange.body) {
                return .transient("JSON bị cắt cụt (truncated JSON, \(exchange.body.count) bytes)")
            }
            return exchange.body.isEmpty ? .transient("câu trả lời rỗng (empty answer)")
                                         : .failed("câu trả lời không phải JSON (not JSON)")
        }
        guard let envelope = object as? [String: Any], let code = envelope["code"] as? String else {
            return .failed("câu trả lời không có dạng {\"code\", \"data\"} (not the API's envelope)")
        }
        guard code == "OK" else {
            let message = (envelope["message"] as? String).map { ": " + Shown.text($0) } ?? ""
            let shown = Shown.text(code, limit: 40)
            return .failed("cổng báo lỗi \(shown)\(message) (the portal answered \(shown))")
        }
        guard let data = envelope["data"], !(data is NSNull) else { return .failed("câu trả lời không có dữ liệu (no data)") }
        return .data(data)
    }

    /// The answer's JSON. Valid JSON that Foundation's parser refuses for one value (a lone
    /// surrogate `\uD800`, `1e400`) is repaired as sync repairs an export entry (`ExportRepair`):
    /// refused whole, that one name would fail the detail every night, retried as if cut short.
    private static func parsed(_ body: Data) -> Any? {
        if let object = try? JSONSerialization.jsonObject(with: body) { return object }
        guard let repaired = ExportRepair.repaired([UInt8](body)) else { return nil }
        return try? JSONSerialization.jsonObject(with: Data(repaired))
    }

    /// The first list or object never closes (or a string never ends): the body stops early.
    /// One that closes and is still refused is damaged (NaN, a stray comma), not worth asking again.
    private static func isCutShort(_ body: Data) -> Bool {
        guard let first = body.firstIndex(where: { !isSpace($0) }) else { return false }
        return JSONContainer.end(ofContainerAt: first, in: body) == nil
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == 0xEF || byte == 0xBB || byte == 0xBF
    }

    private static func looksLikeHTML(_ body: Data) -> Bool {
        body.first { !isSpace($0) } == UInt8(ascii: "<")
    }
}
