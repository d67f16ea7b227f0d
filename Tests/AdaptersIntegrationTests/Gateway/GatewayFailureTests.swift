import Adapters
import Entities
import Foundation
import MetricsTestKit
import Testing

/// One call of each gateway client, for tests that treat them alike.
enum GatewayCall: String, CaseIterable, Sendable {
    case issueReceipt, voidReceipt, refundPayment, storeFile, appendRow, bookTickets

    var api: String {
        switch self {
        case .issueReceipt, .voidReceipt: "receipts"
        case .refundPayment: "payments"
        case .storeFile: "files"
        case .appendRow: "spreadsheets"
        case .bookTickets: "dead-nation"
        }
    }

    func perform(with clients: GatewayClients) async throws {
        switch self {
        case .issueReceipt:
            _ = try await clients.receipts.issueReceipt(ticketID: UUID(), price: Money(amount: "1.00", currency: "EUR"), idempotencyKey: "k")
        case .voidReceipt:
            try await clients.receipts.voidReceipt(ticketID: UUID(), reason: "r", idempotencyKey: "k")
        case .refundPayment:
            try await clients.payments.refundPayment(paymentReference: "p", reason: "r", deduplicationID: "k")
        case .storeFile:
            try await clients.files.storeFile(fileID: "f", content: "c")
        case .appendRow:
            try await clients.spreadsheets.appendRow(sheet: "s", columns: ["a"], idempotencyKey: "a")
        case .bookTickets:
            try await clients.deadNation.bookTickets(bookingID: UUID(), customerAddress: "a@example.com", eventID: UUID(), numberOfTickets: 1)
        }
    }
}

@Suite struct GatewayFailureTests {
    @Test(arguments: GatewayCall.allCases, [422, 503])
    func anUnacceptedStatusIsAGatewayErrorNamingTheCall(call: GatewayCall, status: Int) async throws {
        try await GatewayFixture.run { gateway in
            try await gateway.injectFault(call.api, #"{"status":\#(status)}"#)
            let error = await #expect(throws: GatewayError.self) { try await call.perform(with: gateway.clients()) }
            #expect(error?.status == status)
            #expect(error?.api.rawValue == call.api)
            #expect(error?.url.hasPrefix("\(gateway.address)/\(call.api)-api/") == true)
            #expect(error?.bodyExcerpt?.contains("fault injected into \(call.api)") == true)
            #expect(error?.description.contains("answered \(status)") == true)
            #expect(error?.isTimeout == false)
            #expect(gateway.recordedDurations(api: call.api, outcome: "error") == 1)
        }
    }

    @Test func aReceiptAnswerWithoutAReceiptIsUndecodable() async throws {
        try await GatewayFixture.run { gateway in
            // The fault answers 200 with an error body instead of a receipt.
            try await gateway.injectFault("receipts", #"{"status":200}"#)
            let error = await #expect(throws: GatewayError.self) { try await GatewayCall.issueReceipt.perform(with: gateway.clients()) }
            guard case .undecodableResponse(let status, _) = error?.reason else {
                Issue.record("expected an undecodable response, got \(String(describing: error))")
                return
            }
            #expect(status == 200)
            #expect(error?.method == .put)
        }
    }

    @Test func aConflictIsAnErrorForEveryCallButStoringAFile() async throws {
        try await GatewayFixture.run { gateway in
            try await gateway.injectFault("receipts", #"{"status":409}"#)
            let error = await #expect(throws: GatewayError.self) { try await GatewayCall.issueReceipt.perform(with: gateway.clients()) }
            #expect(error?.status == 409)
        }
    }

    @Test func latencyBeyondTheTimeoutIsATimeout() async throws {
        try await GatewayFixture.run { gateway in
            try await gateway.injectFault("payments", #"{"latency_ms":1000}"#)
            let clients = gateway.clients(timeouts: .init(connect: .seconds(2), total: .milliseconds(200)))
            let error = await #expect(throws: GatewayError.self) { try await GatewayCall.refundPayment.perform(with: clients) }
            #expect(error?.isTimeout == true)
            #expect(error?.status == nil)
            #expect(error?.description.contains("timeout") == true)
            #expect(gateway.recordedDurations(api: "payments", outcome: "timeout") == 1)
        }
    }

    @Test func aRefusedPortIsATransportError() async throws {
        let closedPort = try ClosedPort()
        let httpClient = try CurlHTTPClient()
        let metrics = TestMetrics()
        let clients = GatewayClients(
            configuration: .init(address: "http://127.0.0.1:\(closedPort.port)/", metricsFactory: metrics),
            httpClient: httpClient
        )
        let error = await #expect(throws: GatewayError.self) { try await GatewayCall.bookTickets.perform(with: clients) }
        guard case .transport(let transport) = error?.reason else {
            Issue.record("expected a transport error, got \(String(describing: error))")
            return
        }
        #expect(transport.kind == .connectionRefused)
        #expect(error?.url == "http://127.0.0.1:\(closedPort.port)/dead-nation-api/ticket/booking")
        #expect(error?.api == .deadNation)
        #expect(metrics.timers(label: "gateway_request_duration_seconds").first?.dimensions.last?.1 == "unreachable")
        try await httpClient.shutdown()
    }
}
