import Entities
import Foundation
import HTTP
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct MiddlewareTests {
    struct Boom: Error {}
    struct PoolWait: TemporaryUnavailability {
        var isTemporaryUnavailability: Bool
    }

    private func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        router.middlewares.add(CorrelationIDMiddleware())
        router.middlewares.add(HTTPMetricsMiddleware())
        router.middlewares.add(ErrorMappingMiddleware())
        router.get("/correlation") { _, _ in Correlation.id ?? "none" }
        router.get("/conflict") { _, _ -> String in throw APIError(.conflict, "show exists", extra: ["show_id": "abc"]) }
        router.get("/crash") { _, _ -> String in throw Boom() }
        router.get("/busy") { _, _ -> String in throw PoolWait(isTemporaryUnavailability: true) }
        router.get("/broken-pool") { _, _ -> String in throw PoolWait(isTemporaryUnavailability: false) }
        router.post("/decode") { request, context -> String in
            struct Body: Decodable { var name: String }
            return try await request.decode(as: Body.self, context: context).name
        }
        return router
    }

    @Test func echoesTheCallersCorrelationIDAndBindsItForTheHandler() async throws {
        try await Application(router: makeRouter()).test(.router) { client in
            try await client.execute(uri: "/correlation", method: .get, headers: [.correlationID: "abc-123"]) { response in
                #expect(response.headers[.correlationID] == "abc-123")
                #expect(String(buffer: response.body) == "abc-123")
            }
        }
    }

    @Test func makesACorrelationIDWhenTheCallerSendsNone() async throws {
        try await Application(router: makeRouter()).test(.router) { client in
            try await client.execute(uri: "/correlation", method: .get) { response in
                let id = try #require(response.headers[.correlationID])
                #expect(id.hasPrefix("gen_"))
                #expect(String(buffer: response.body) == id)
            }
        }
    }

    @Test func apiErrorsBecomeJSONWithTheirStatusAndExtraFields() async throws {
        try await Application(router: makeRouter()).test(.router) { client in
            try await client.execute(uri: "/conflict", method: .get, headers: [.correlationID: "c1"]) { response in
                #expect(response.status == .conflict)
                #expect(response.headers[.correlationID] == "c1")
                let body = try JSONDecoder().decode([String: String].self, from: Data(buffer: response.body))
                #expect(body == ["error": "show exists", "show_id": "abc"])
            }
        }
    }

    @Test func unexpectedErrorsBecomeA500WithoutInternals() async throws {
        try await Application(router: makeRouter()).test(.router) { client in
            try await client.execute(uri: "/crash", method: .get) { response in
                #expect(response.status == .internalServerError)
                #expect(String(buffer: response.body) == #"{"error":"internal error"}"#)
            }
        }
    }

    @Test func unknownRoutesAndUndecodableBodiesAreJSONErrors() async throws {
        try await Application(router: makeRouter()).test(.router) { client in
            try await client.execute(uri: "/nowhere", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(String(buffer: response.body) == #"{"error":"not found"}"#)
            }
            try await client.execute(uri: "/decode", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: "{not json")) { response in
                #expect(response.status == .badRequest)
                let body = try JSONDecoder().decode([String: String].self, from: Data(buffer: response.body))
                #expect(body["error"]?.isEmpty == false)
            }
        }
    }

    /// The domain errors of holds and batches, as the clients see them.
    static let holdAndBatchErrors: [(error: any Error, status: Int, body: String)] = [
        (HoldError.holdNotFound, 404, #"{"error":"hold not found"}"#),
        (HoldError.expired, 409, #"{"error":"the hold expired"}"#),
        (HoldError.released, 409, #"{"error":"the hold was released"}"#),
        (HoldError.alreadyBooked(bookingID: UUID(uuidString: "0b7c4f3e-2d1a-4c5b-9e8f-7a6b5c4d3e2f")!), 409,
         #"{"booking_id":"0b7c4f3e-2d1a-4c5b-9e8f-7a6b5c4d3e2f","error":"the hold was booked already"}"#),
        (ShowCreationError.duplicateDeadNationIDs([:]), 409, #"{"error":"shows with these dead_nation_ids exist already"}"#),
        (APIError(.badRequest, "1 of 2 shows are invalid", items: [.init(index: 1, error: "title must not be empty")]), 400,
         #"{"error":"1 of 2 shows are invalid","errors":[{"error":"title must not be empty","index":1}]}"#),
        (APIError(.conflict, "clash", items: [.init(index: 0, error: "exists", showID: "abc")]), 409,
         #"{"error":"clash","errors":[{"error":"exists","index":0,"show_id":"abc"}]}"#),
    ]

    @Test(arguments: 0..<holdAndBatchErrors.count)
    func holdAndBatchErrorsBecomeTheirStatusAndBody(index: Int) async throws {
        let expected = Self.holdAndBatchErrors[index]
        let router = Router()
        router.middlewares.add(ErrorMappingMiddleware())
        router.get("/fail") { _, _ -> String in throw expected.error }
        try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/fail", method: .get) { response in
                #expect(Int(response.status.code) == expected.status)
                #expect(String(buffer: response.body) == expected.body)
            }
        }
    }

    @Test func aPoolWaitThatRanOutIsA503WithRetryAfter() async throws {
        try await Application(router: makeRouter()).test(.router) { client in
            try await client.execute(uri: "/busy", method: .get, headers: [.correlationID: "c2"]) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.retryAfter] == "1")
                #expect(response.headers[.correlationID] == "c2")
                #expect(String(buffer: response.body) == #"{"error":"the service is busy, try again shortly"}"#)
            }
            try await client.execute(uri: "/broken-pool", method: .get) { response in
                #expect(response.status == .internalServerError)
                #expect(response.headers[.retryAfter] == nil)
            }
        }
    }
}
