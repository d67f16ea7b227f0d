import Foundation
import Testing

/// The limits on what a client may send, through the real service: each refused request gets a
/// clear answer, changes nothing, and the service keeps serving.
@Suite struct RequestLimitsComponentTests {
    private func environment() async throws -> ComponentEnvironment {
        try await ComponentEnvironment.shared.value
    }

    private func errorMessage(_ reply: ComponentEnvironment.Reply) -> String? {
        (reply.json as? [String: Any])?["error"] as? String
    }

    @Test func aBodyOverOneMebibyteIsRefusedWith413() async throws {
        let env = try await environment()
        let title = String(repeating: "x", count: (1 << 20) + 1)
        let reply = try await env.call(.post, "/shows", json: #"{"dead_nation_id":"\#(UUID().lowercased)","number_of_tickets":1,"start_time":"2026-01-01T00:00:00Z","title":"\#(title)","venue":"v"}"#)
        #expect(reply.status == 413)
        #expect(errorMessage(reply)?.isEmpty == false, "\(reply.text.prefix(200))")
        #expect(reply.headers["Correlation-ID"] != nil)
    }

    @Test func aBodyNestedTooDeepIsRefusedWith400BeforeDecoding() async throws {
        let env = try await environment()
        for depth in [33, 100_000] {
            let body = #"{"show_id":"x","tickets":"# + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}"
            let reply = try await env.call(.post, "/book-tickets", json: body)
            #expect(reply.status == 400)
            #expect(errorMessage(reply) == "invalid request body: nested deeper than 32 levels")
        }
        // 32 levels are decoded as usual (and refused for what they hold).
        let shallow = #"{"a":"# + String(repeating: "[", count: 31) + String(repeating: "]", count: 31) + "}"
        let reply = try await env.call(.post, "/book-tickets", json: shallow)
        #expect(reply.status == 400)
        #expect(errorMessage(reply)?.contains("missing field") == true)
    }

    @Test func headersOverTheLimitAreRefusedAndTheServiceGoesOn() async throws {
        let env = try await environment()
        let reply = try? await env.call(.get, "/tickets", headers: ["X-Padding": String(repeating: "p", count: 100 * 1024)])
        // NIO's parser refuses the request (400) and closes the connection; it may close first.
        if let reply {
            #expect((400...431).contains(reply.status), "\(reply.status)")
        }
        #expect(try await env.call(.get, "/health").status == 200)
    }

    @Test func theOpenAPIDocumentIsServed() async throws {
        let env = try await environment()
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("openapi.yaml")
        let reply = try await env.call(.get, "/openapi.yaml")
        #expect(reply.status == 200)
        #expect(reply.headers["Content-Type"] == "application/yaml")
        #expect(reply.body == (try Data(contentsOf: file)))
    }
}
