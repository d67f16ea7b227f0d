import GatewaySimulator
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite struct PaymentsAndSheetsAPITests {
    @Test func aRefundIsRecordedOncePerDeduplicationID() async throws {
        struct RecordedRefund: Decodable, Equatable {
            var payment_reference: String
            var reason: String
            var deduplication_id: String
            var repeats: Int
        }
        try await withSimulator { client in
            let body = #"{"payment_reference":"ticket-9","reason":"customer refund","deduplication_id":"refund-9"}"#
            for _ in 0..<3 {
                #expect(try await client.send(.put, "/payments-api/refunds", body: body).status == .ok)
            }
            let refunds = try await client.inspect("/_sim/refunds", as: [RecordedRefund].self)
            #expect(refunds == [RecordedRefund(payment_reference: "ticket-9", reason: "customer refund", deduplication_id: "refund-9", repeats: 2)])
        }
    }

    @Test func rowsAreAppendedPerSheetInOrder() async throws {
        let print1 = ["t1", "a@example.com", "10.00", "EUR"]
        let refund = ["t2", "b@example.com", "20.00", "USD"]
        let print2 = ["t3", "c@example.com", "30.00", "EUR"]
        try await withSimulator { client in
            for (sheet, columns) in [("tickets-to-print", print1), ("tickets-to-refund", refund), ("tickets-to-print", print2)] {
                let body = #"{"columns":[\#(columns.map { "\"\($0)\"" }.joined(separator: ","))]}"#
                let response = try await client.send(.post, "/spreadsheets-api/sheets/\(sheet)/rows", body: body)
                #expect(response.status == .ok)
            }
            #expect(try await client.inspect("/_sim/sheets/tickets-to-print/rows", as: [[String]].self) == [print1, print2])
            #expect(try await client.inspect("/_sim/sheets/tickets-to-refund/rows", as: [[String]].self) == [refund])
            #expect(try await client.inspect("/_sim/sheets/unknown/rows", as: [[String]].self) == [])
            #expect(try await client.inspect("/_sim/sheets", as: [String: Int].self) == ["tickets-to-print": 2, "tickets-to-refund": 1])
        }
    }

    @Test func aKeyedRowIsAppendedOncePerSheetAndKey() async throws {
        struct RecordedKey: Decodable, Equatable {
            var idempotency_key: String
            var repeats: Int
        }
        try await withSimulator { client in
            var headers: HTTPFields = [.contentType: "application/json"]
            headers[HTTPField.Name("Idempotency-Key")!] = "key-1"
            for sheet in ["tickets-to-print", "tickets-to-print", "tickets-to-print", "tickets-to-refund"] {
                let response = try await client.send(.post, "/spreadsheets-api/sheets/\(sheet)/rows", body: #"{"columns":["t1"]}"#, headers: headers)
                #expect(response.status == .ok)
            }
            #expect(try await client.inspect("/_sim/sheets/tickets-to-print/rows", as: [[String]].self) == [["t1"]])
            #expect(try await client.inspect("/_sim/sheets/tickets-to-refund/rows", as: [[String]].self) == [["t1"]])
            #expect(try await client.inspect("/_sim/sheets/tickets-to-print/keys", as: [RecordedKey].self) == [RecordedKey(idempotency_key: "key-1", repeats: 2)])
            #expect(try await client.inspect("/_sim/sheets/tickets-to-refund/keys", as: [RecordedKey].self) == [RecordedKey(idempotency_key: "key-1", repeats: 0)])
        }
    }
}
