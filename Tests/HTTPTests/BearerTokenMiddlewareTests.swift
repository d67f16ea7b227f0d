@testable import HTTP
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct BearerTokenMiddlewareTests {
    private func makeApplication(token: String?) -> some ApplicationProtocol {
        let router = Router()
        router.middlewares.add(ErrorMappingMiddleware())
        router.group("ops").add(middleware: BearerTokenMiddleware(token: token)).get("secret") { _, _ in "secret" }
        return Application(router: router)
    }

    @Test func withATokenOnlyTheExactBearerTokenPasses() async throws {
        try await makeApplication(token: "s3cret").test(.router) { client in
            for authorization in [nil, "Bearer", "Bearer ", "Bearer s3cre", "Bearer s3cret2", "bearer s3cret", "Basic s3cret", "s3cret"] {
                var headers = HTTPFields()
                if let authorization { headers[.authorization] = authorization }
                try await client.execute(uri: "/ops/secret", method: .get, headers: headers) { response in
                    #expect(response.status == .unauthorized, "\(authorization ?? "none")")
                    #expect(String(buffer: response.body) == #"{"error":"a valid bearer token is required"}"#)
                }
            }
            try await client.execute(uri: "/ops/secret", method: .get, headers: [.authorization: "Bearer s3cret"]) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "secret")
            }
        }
    }

    @Test func withoutATokenEveryRequestPasses() async throws {
        try await makeApplication(token: nil).test(.router) { client in
            try await client.execute(uri: "/ops/secret", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test func theComparisonLooksAtEveryByteAndTheLengths() {
        #expect(BearerTokenMiddleware<BasicRequestContext>.constantTimeEquals(Array("abc".utf8), Array("abc".utf8)))
        #expect(BearerTokenMiddleware<BasicRequestContext>.constantTimeEquals([], []))
        for other in ["abd", "xbc", "ab", "abcd", "", "abc\0"] {
            #expect(!BearerTokenMiddleware<BasicRequestContext>.constantTimeEquals(Array("abc".utf8), Array(other.utf8)), "\(other)")
        }
        // Lengths differing by a multiple of 256 must not cancel out in the length check.
        let short = [UInt8](repeating: 65, count: 1)
        let long = short + [UInt8](repeating: 0, count: 256)
        #expect(!BearerTokenMiddleware<BasicRequestContext>.constantTimeEquals(short, long))
    }
}
