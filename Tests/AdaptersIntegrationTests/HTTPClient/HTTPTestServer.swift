import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// A request context that remembers the client's TCP port, so tests can tell whether calls
/// shared one connection.
struct PeerRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let peerPort: Int?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        peerPort = source.channel.remoteAddress?.port
    }
}

/// A small live HTTP server for the client's tests:
/// - `/status/{code}`: answers that status with body `status <code>`;
/// - `/echo` (any method): answers `{"method","headers","body"}` (header names lowercased) and the header `X-Echo-Method`;
/// - `POST /upload`: answers the body it received;
/// - `/bytes/{count}`: answers `count` bytes of a repeating pattern;
/// - `/sleep/{milliseconds}`: answers 200 after sleeping that long;
/// - `/peer`: answers the client's TCP port.
enum HTTPTestServer {
    struct Echo: Codable {
        var method: String
        var headers: [String: String]
        var body: String
    }

    static func patternBytes(count: Int) -> Data {
        Data((0..<count).map { UInt8(truncatingIfNeeded: $0 % 251) })
    }

    /// Runs the server on a free port for the duration of `test`, which gets its base URL.
    static func withServer<Value: Sendable>(_ test: @Sendable @escaping (String) async throws -> Value) async throws -> Value {
        var logger = Logger(label: "http-test-server")
        logger.logLevel = .error
        let app = Application(router: router(), logger: logger)
        return try await app.test(.live) { client in
            try await test("http://localhost:\(try #require(client.port))")
        }
    }

    private static func router() -> Router<PeerRequestContext> {
        let router = Router(context: PeerRequestContext.self)
        router.get("status/:code") { _, context -> Response in
            let code = try context.parameters.require("code", as: Int.self)
            return Response(
                status: .init(code: code),
                body: .init(byteBuffer: ByteBuffer(string: "status \(code)"))
            )
        }
        for method in [HTTPRequest.Method.get, .post, .put, .patch, .delete, .head] {
            router.on("echo", method: method) { request, _ -> Response in
                let body = try await request.body.collect(upTo: 64 * 1024 * 1024)
                var headers: [String: String] = [:]
                for field in request.headers { headers[field.name.canonicalName] = field.value }
                let echo = Echo(method: request.method.rawValue, headers: headers, body: String(buffer: body))
                let json = try JSONEncoder().encode(echo)
                return Response(
                    status: .ok,
                    headers: [.contentType: "application/json", HTTPField.Name("X-Echo-Method")!: request.method.rawValue],
                    body: .init(byteBuffer: ByteBuffer(bytes: json))
                )
            }
        }
        router.post("upload") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 64 * 1024 * 1024)
            return Response(status: .ok, body: .init(byteBuffer: body))
        }
        router.get("bytes/:count") { _, context -> Response in
            let count = try context.parameters.require("count", as: Int.self)
            return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(bytes: patternBytes(count: count))))
        }
        router.get("sleep/:milliseconds") { _, context -> String in
            let milliseconds = try context.parameters.require("milliseconds", as: Int.self)
            try await Task.sleep(for: .milliseconds(milliseconds))
            return "slept"
        }
        router.get("peer") { _, context -> String in
            context.peerPort.map(String.init) ?? "unknown"
        }
        return router
    }
}
