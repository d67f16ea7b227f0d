import GatewaySimulator
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite struct InspectionTests {
    @Test func theJournalRecordsEachCallAsItArrived() async throws {
        try await withSimulator { client in
            let body = #"{"columns":["a","b"]}"#
            _ = try await client.send(
                .post, "/spreadsheets-api/sheets/tickets-to-print/rows", body: body,
                headers: [.contentType: "application/json", HTTPField.Name("Correlation-ID")!: "corr-7"]
            )
            _ = try await client.send(.put, "/receipts-api/receipts", body: receiptBody(key: "k"))

            let journal = try await client.inspect("/_sim/requests", as: [JournalEntry].self)
            #expect(journal.map(\.api) == ["spreadsheets", "receipts"])
            let row = try #require(journal.first)
            #expect(row.method == "POST")
            #expect(row.path == "/spreadsheets-api/sheets/tickets-to-print/rows")
            #expect(row.headers["correlation-id"] == "corr-7")
            #expect(row.headers["content-type"] == "application/json")
            #expect(row.body == body)
            #expect(row.status == 200)
            #expect(row.fault == nil)
            #expect(journal[1].sequence > row.sequence)

            let receiptsOnly = try await client.inspect("/_sim/requests?api=receipts", as: [JournalEntry].self)
            #expect(receiptsOnly.map(\.status) == [201])
            #expect(try await client.send(.get, "/_sim/requests?api=nope").status == .notFound)
        }
    }

    @Test func statsCountCallsPerAPI() async throws {
        try await withSimulator { client in
            _ = try await client.send(.put, "/receipts-api/receipts", body: receiptBody(key: "a"))
            _ = try await client.send(.put, "/receipts-api/void-receipt", body: "{}")
            _ = try await client.send(.put, "/files-api/files/f/content", body: "x")
            let stats = try await client.inspect("/_sim/stats", as: [String: [String: Int]].self)
            #expect(stats["requests"] == ["receipts": 2, "payments": 0, "files": 1, "spreadsheets": 0, "dead-nation": 0])
        }
    }

    @Test func resetForgetsEverythingButNeverReusesAReceiptNumber() async throws {
        struct Issued: Decodable { var number: String }
        try await withSimulator { client in
            let before = try await client.send(.put, "/receipts-api/receipts", body: receiptBody(key: "k")).decoded(Issued.self)
            _ = try await client.send(.put, "/files-api/files/f/content", body: "x")
            _ = try await client.send(.post, "/spreadsheets-api/sheets/s/rows", body: #"{"columns":["a"]}"#)
            _ = try await client.send(.put, "/_sim/faults/payments", body: #"{"status":500}"#)

            #expect(try await client.send(.post, "/_sim/reset").status == .ok)

            #expect(try await client.inspect("/_sim/receipts", as: [AnyRecord].self).isEmpty)
            #expect(try await client.inspect("/_sim/files", as: [AnyRecord].self).isEmpty)
            #expect(try await client.inspect("/_sim/sheets", as: [String: Int].self).isEmpty)
            #expect(try await client.inspect("/_sim/requests", as: [JournalEntry].self).isEmpty)
            #expect(try await client.inspect("/_sim/faults", as: [String: [String: Double]].self).isEmpty)
            let stats = try await client.inspect("/_sim/stats", as: [String: [String: Int]].self)
            #expect(stats["requests"]?.values.allSatisfy { $0 == 0 } == true)

            let after = try await client.send(.put, "/receipts-api/receipts", body: receiptBody(key: "k"))
            #expect(after.status == .created)
            #expect(try after.decoded(Issued.self).number != before.number)
            #expect(try await client.send(.put, "/files-api/files/f/content", body: "x").status == .created)
        }
    }
}
