import Foundation
import GatewaySimulator
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing

/// Runs `test` against a fresh simulator driven through its router.
func withSimulator(
    callbackPoster: (any TicketsStatusCallbackPosting)? = nil,
    callbackDelay: Duration = .milliseconds(10),
    callbackRetry: CallbackRetryPolicy = CallbackRetryPolicy(maxAttempts: 4, initialBackoff: .milliseconds(20)),
    ticketsServiceURLs: [String] = ["http://tickets.test:8080/"],
    _ test: @Sendable @escaping (any TestClientProtocol) async throws -> Void
) async throws {
    var logger = Logger(label: "gateway-simulator-tests")
    logger.logLevel = .critical
    let app = buildGatewaySimulator(
        configuration: .init(
            ticketsServiceURLs: ticketsServiceURLs,
            callbackDelay: callbackDelay,
            callbackRetry: callbackRetry,
            ticketPrice: .init(amount: "87.50", currency: "PLN"),
            logger: logger
        ),
        callbackPoster: callbackPoster
    )
    try await app.test(.router, test)
}

extension TestClientProtocol {
    /// Sends `body` (JSON unless another content type is given) and returns the answer.
    func send(
        _ method: HTTPRequest.Method,
        _ uri: String,
        body: String? = nil,
        headers: HTTPFields = [.contentType: "application/json"]
    ) async throws -> TestResponse {
        try await execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
    }

    /// Reads an inspection endpoint.
    func inspect<Value: Decodable>(_ uri: String, as type: Value.Type) async throws -> Value {
        let response = try await send(.get, uri)
        #expect(response.status == .ok)
        return try response.decoded(type)
    }
}

extension TestResponse {
    func decoded<Value: Decodable>(_ type: Value.Type) throws -> Value {
        try JSONDecoder().decode(type, from: Data(body.readableBytesView))
    }

    var text: String { String(buffer: body) }

    /// The message of a `{"error": "..."}` answer.
    var errorMessage: String? { try? decoded([String: String].self)["error"] }
}

/// What `/_sim/requests` lists.
struct JournalEntry: Decodable {
    var sequence: Int
    var api: String
    var method: String
    var path: String
    var headers: [String: String]
    var body: String
    var status: Int
    var fault: String?
}

/// What `/_sim/callbacks` lists.
struct CallbackDelivery: Decodable {
    var booking_id: String
    var idempotency_key: String
    var ticket_ids: [String]
    var state: String
    var attempts: Int
    var last_status: Int?
    var last_error: String?
}

/// Polls `read` until `isDone` holds for its value, or fails the test after a generous wait.
func eventually<Value: Sendable>(
    _ what: String,
    _ read: @Sendable () async throws -> Value,
    until isDone: (Value) -> Bool
) async throws -> Value {
    for _ in 0..<500 {
        let value = try await read()
        if isDone(value) { return value }
        try await Task.sleep(for: .milliseconds(20))
    }
    Issue.record("timed out waiting for \(what)")
    return try await read()
}

/// A callback sender that records every attempt and answers from a script (then 200).
final class RecordingCallbackPoster: TicketsStatusCallbackPosting {
    struct Refused: Error {}

    enum Answer: Sendable {
        case status(Int)
        case failure
    }

    private let script: Mutex<[Answer]>
    private let attempts = Mutex<[TicketsStatusCallback]>([])

    init(script: [Answer] = []) {
        self.script = Mutex(script)
    }

    var received: [TicketsStatusCallback] { attempts.withLock { $0 } }

    func post(_ callback: TicketsStatusCallback) async throws -> Int {
        attempts.withLock { $0.append(callback) }
        let answer = script.withLock { $0.isEmpty ? Answer.status(200) : $0.removeFirst() }
        switch answer {
        case .status(let status): return status
        case .failure: throw Refused()
        }
    }
}

/// Receipt body as the receipts API expects it.
func receiptBody(ticketID: String = UUID().uuidString, key: String, amount: String = "100.00", currency: String = "EUR") -> String {
    #"{"ticket_id":"\#(ticketID)","price":{"money_amount":"\#(amount)","money_currency":"\#(currency)"},"idempotency_key":"\#(key)"}"#
}

func bookingBody(bookingID: String = UUID().uuidString, email: String = "buyer@example.com", tickets: Int) -> String {
    #"{"booking_id":"\#(bookingID)","customer_address":"\#(email)","event_id":"\#(UUID().uuidString)","number_of_tickets":\#(tickets)}"#
}

/// Any JSON object, for counting records whose fields a test does not care about.
struct AnyRecord: Decodable {}
