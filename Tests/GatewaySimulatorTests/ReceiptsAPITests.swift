import Foundation
import GatewaySimulator
import HummingbirdTesting
import Testing

@Suite struct ReceiptsAPITests {
    struct IssuedReceipt: Decodable, Equatable {
        var number: String
        var issued_at: String
        var ticket_id: String
    }

    struct RecordedReceipt: Decodable {
        var number: String
        var ticket_id: String
        var idempotency_key: String
        var price: [String: String]
        var repeats: Int
    }

    @Test func aReceiptIsIssuedOncePerIdempotencyKey() async throws {
        try await withSimulator { client in
            let ticketID = UUID().uuidString
            let first = try await client.send(.put, "/receipts-api/receipts", body: receiptBody(ticketID: ticketID, key: "key-1"))
            #expect(first.status == .created)
            let issued = try first.decoded(IssuedReceipt.self)
            #expect(issued.number.wholeMatch(of: /R-[0-9]{6}/) != nil)
            #expect(issued.ticket_id == ticketID)
            let issuedAt = try Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(issued.issued_at)
            #expect(issuedAt <= Date())

            let repeated = try await client.send(.put, "/receipts-api/receipts", body: receiptBody(ticketID: ticketID, key: "key-1"))
            #expect(repeated.status == .ok)
            #expect(try repeated.decoded(IssuedReceipt.self) == issued)

            let other = try await client.send(.put, "/receipts-api/receipts", body: receiptBody(key: "key-2"))
            #expect(other.status == .created)
            #expect(try other.decoded(IssuedReceipt.self).number != issued.number)

            let recorded = try await client.inspect("/_sim/receipts", as: [RecordedReceipt].self)
            #expect(recorded.map(\.idempotency_key) == ["key-1", "key-2"])
            #expect(recorded.map(\.repeats) == [1, 0])
            #expect(recorded[0].price == ["money_amount": "100.00", "money_currency": "EUR"])
        }
    }

    @Test func aVoidIsRecordedOncePerIdempotentID() async throws {
        struct RecordedVoid: Decodable, Equatable {
            var ticket_id: String
            var reason: String
            var idempotent_id: String
            var repeats: Int
        }
        try await withSimulator { client in
            let body = #"{"ticket_id":"t-1","reason":"customer refund","idempotent_id":"void-1"}"#
            #expect(try await client.send(.put, "/receipts-api/void-receipt", body: body).status == .ok)
            #expect(try await client.send(.put, "/receipts-api/void-receipt", body: body).status == .ok)
            let other = #"{"ticket_id":"t-2","reason":"customer refund","idempotent_id":"void-2"}"#
            #expect(try await client.send(.put, "/receipts-api/void-receipt", body: other).status == .ok)

            let voids = try await client.inspect("/_sim/voids", as: [RecordedVoid].self)
            #expect(voids == [
                RecordedVoid(ticket_id: "t-1", reason: "customer refund", idempotent_id: "void-1", repeats: 1),
                RecordedVoid(ticket_id: "t-2", reason: "customer refund", idempotent_id: "void-2", repeats: 0),
            ])
        }
    }
}
