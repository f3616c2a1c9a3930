import Editor
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Records

/// The editor's requests and answers over HTTP/1.1 with Hummingbird (SwiftNIO): the one file that
/// knows the HTTP library. Bodies over `EditorServer.maximumBody` are refused before they are read whole.
struct HTTPServing {
    let server: EditorServer
    let host: String
    let port: Int
    let onRunning: @Sendable (Int) -> Void

    struct Context: RequestContext, RemoteAddressRequestContext {
        var coreContext: CoreRequestContextStorage
        let remoteAddress: SocketAddress?

        init(source: ApplicationRequestContextSource) {
            coreContext = .init(source: source)
            remoteAddress = source.channel.remoteAddress
        }

        var maxUploadSize: Int { EditorServer.maximumBody }
    }

    struct Responder: HTTPResponder {
        let server: EditorServer

        /// A body must arrive whole within this: one sent a byte at a time would otherwise hold its
        /// connection (and a descriptor) for as long as the client likes, past the idle limit,
        /// which stops counting once the head is in. A form's body is a few kilobytes.
        static let bodyDeadline = Duration.seconds(20)

        /// The body, or nil when it did not arrive within `bodyDeadline`.
        static func collect(_ body: RequestBody) async throws -> ByteBuffer? {
            try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
                group.addTask { try await body.collect(upTo: EditorServer.maximumBody) }
                group.addTask {
                    try await Task.sleep(for: bodyDeadline)
                    return nil
                }
                defer { group.cancelAll() }
                return try await group.next() ?? nil
            }
        }

        func respond(to request: Request, context: Context) async throws -> Response {
            var body: [UInt8] = []
            if request.method == .post {
                do {
                    guard let buffer = try await Self.collect(request.body) else {
                        let page = "<!DOCTYPE html><html lang=\"vi\"><meta charset=\"utf-8\"><title>Quá chậm</title><p>Nội dung gửi lên chậm quá (hơn \(Int(Self.bodyDeadline.components.seconds)) giây); không có gì được lưu. Hãy gửi lại.</p></html>"
                        return Response(status: .requestTimeout, headers: [.contentType: "text/html; charset=utf-8", .connection: "close"],
                                        body: .init(byteBuffer: ByteBuffer(string: page)))
                    }
                    body = Array(buffer.readableBytesView)
                } catch {
                    let page = "<!DOCTYPE html><html lang=\"vi\"><meta charset=\"utf-8\"><title>Quá lớn</title><p>Nội dung gửi lên lớn quá \(EditorServer.maximumBody >> 20) MB; không có gì được lưu.</p></html>"
                    return Response(status: .contentTooLarge, headers: [.contentType: "text/html; charset=utf-8", .connection: "close"],
                                    body: .init(byteBuffer: ByteBuffer(string: page)))
                }
            }
            let web = WebRequest(method: request.method.rawValue, path: request.uri.path, query: request.uri.query ?? "",
                                 // HTTP/1.1's `Host` arrives as the request's authority.
                                 headers: [("host", request.head.authority ?? "")] + request.headers.map { ($0.name.canonicalName, $0.value) }, body: body,
                                 peer: context.remoteAddress?.ipAddress ?? "")
            let server = self.server
            // The preview's ask for a reload waits here, holding no thread, until the next build is shown.
            if let ask = server.reloadAsk(web) { await server.waitForBuild(after: ask.seen, session: ask.session) }
            // Reading files, bcrypt and rebuilds block: on a thread of their own, not Swift's few cooperative ones.
            let answer = await withCheckedContinuation { continuation in
                DispatchQueue.global().async { continuation.resume(returning: server.respond(web)) }
            }
            var headers = HTTPFields()
            for (name, value) in answer.headers {
                if let field = HTTPField.Name(name) { headers.append(HTTPField(name: field, value: value)) }
            }
            return Response(status: .init(code: answer.status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: answer.body)))
        }
    }

    /// Serves until the process is stopped (SIGINT, SIGTERM: a graceful stop).
    func run() throws {
        var logger = Logger(label: "tthc serve")
        logger.logLevel = .error
        let onRunning = self.onRunning
        let fallback = port
        // A connection that sends no whole request for 15 s is closed: otherwise a thousand clients
        // sending their headers a byte at a time hold every descriptor the process may open, and
        // the preview stops answering. A request being answered (the reload ask held 25 s) is not idle.
        let app = Application(responder: Responder(server: server),
                              server: .http1(configuration: .init(idleTimeout: .seconds(15))),
                              configuration: .init(address: .hostname(host, port: port), serverName: nil, reuseAddress: false),
                              onServerRunning: { channel in onRunning(channel.localAddress?.port ?? fallback) },
                              logger: logger)
        let done = DispatchSemaphore(value: 0)
        let outcome = Outcome()
        Task {
            do { try await app.runService() } catch { outcome.error = error }
            done.signal()
        }
        done.wait()
        if let error = outcome.error { throw error }
    }

    final class Outcome: @unchecked Sendable {
        var error: Error?
    }

    /// The port could not be opened: in use (the usual case: another `tthc serve`), or refused.
    struct CannotListen: ExplainedError {
        var host: String
        var port: Int
        var cause: String
        var inUse: Bool

        var explanation: Localized {
            if inUse {
                return Localized(vi: "cổng \(port) đang bận (có thể một tthc serve khác đang chạy); dùng --port khác, hoặc --port 0 để chọn cổng còn trống",
                                 en: "port \(port) is in use (perhaps by another tthc serve); use another --port, or --port 0 for any free one")
            }
            return Localized(vi: "không mở được cổng \(port) trên \(host): \(cause); dùng --port hoặc --host khác",
                             en: "cannot listen on \(host):\(port): \(cause); use another --port or --host")
        }
    }

    static func explained(_ error: Error, host: String, port: Int) -> Error {
        let text = "\(error)"
        let inUse = (error as? IOError)?.errnoCode == EADDRINUSE || text.contains("Address already in use") || text.contains("EADDRINUSE")
        return CannotListen(host: host, port: port, cause: text, inUse: inUse)
    }
}
