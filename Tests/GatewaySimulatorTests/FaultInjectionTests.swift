import GatewaySimulator
import HummingbirdTesting
import Testing

@Suite struct FaultInjectionTests {
    @Test func anInjectedStatusAnswersTheGivenNumberOfCallsWithoutEffect() async throws {
        try await withSimulator { client in
            let fault = try await client.send(.put, "/_sim/faults/payments", body: #"{"status":503,"times":2}"#)
            #expect(fault.status == .ok)
            let body = #"{"payment_reference":"p","reason":"r","deduplication_id":"d"}"#
            #expect(try await client.send(.put, "/payments-api/refunds", body: body).status == .serviceUnavailable)
            #expect(try await client.send(.put, "/payments-api/refunds", body: body).status == .serviceUnavailable)
            #expect(try await client.inspect("/_sim/refunds", as: [AnyRecord].self).isEmpty)
            #expect(try await client.send(.put, "/payments-api/refunds", body: body).status == .ok)

            let journal = try await client.inspect("/_sim/requests?api=payments", as: [JournalEntry].self)
            #expect(journal.map(\.status) == [503, 503, 200])
            #expect(journal.map(\.fault) == ["status 503", "status 503", nil])
            #expect(try await client.inspect("/_sim/faults", as: [String: [String: Double]].self).isEmpty)
        }
    }

    @Test func aFaultHitsOnlyItsOwnAPI() async throws {
        try await withSimulator { client in
            _ = try await client.send(.put, "/_sim/faults/receipts", body: #"{"status":500}"#)
            #expect(try await client.send(.put, "/receipts-api/receipts", body: receiptBody(key: "k")).status == .internalServerError)
            #expect(try await client.send(.post, "/spreadsheets-api/sheets/s/rows", body: #"{"columns":["a"]}"#).status == .ok)
        }
    }

    @Test func aZeroFractionNeverHitsAndAFullOneAlwaysDoes() async throws {
        try await withSimulator { client in
            _ = try await client.send(.put, "/_sim/faults/spreadsheets", body: #"{"status":500,"fraction":0}"#)
            _ = try await client.send(.put, "/_sim/faults/receipts", body: #"{"status":429,"fraction":1}"#)
            for index in 0..<10 {
                #expect(try await client.send(.post, "/spreadsheets-api/sheets/s/rows", body: #"{"columns":["a"]}"#).status == .ok)
                #expect(try await client.send(.put, "/receipts-api/receipts", body: receiptBody(key: "k\(index)")).status == .tooManyRequests)
            }
        }
    }

    @Test func latencyDelaysTheCallWhichStillTakesEffect() async throws {
        try await withSimulator { client in
            _ = try await client.send(.put, "/_sim/faults/receipts", body: #"{"latency_ms":50,"times":1}"#)
            #expect(try await client.send(.put, "/receipts-api/receipts", body: receiptBody(key: "slow")).status == .created)
            #expect(try await client.inspect("/_sim/receipts", as: [AnyRecord].self).count == 1)
            let journal = try await client.inspect("/_sim/requests", as: [JournalEntry].self)
            #expect(journal.last?.fault == "latency 50ms")
        }
    }

    @Test func aHangHoldsTheCallThenAnswers504WithoutEffect() async throws {
        try await withSimulator { client in
            _ = try await client.send(.put, "/_sim/faults/dead-nation", body: #"{"hang_ms":50}"#)
            let response = try await client.send(.post, "/dead-nation-api/ticket/booking", body: bookingBody(tickets: 1))
            #expect(response.status == .gatewayTimeout)
            #expect(try await client.inspect("/_sim/dead-nation/bookings", as: [AnyRecord].self).isEmpty)
            #expect(try await client.inspect("/_sim/requests", as: [JournalEntry].self).last?.fault == "hang 50ms")
        }
    }

    @Test func aFaultCanBeListedAndRemoved() async throws {
        try await withSimulator { client in
            _ = try await client.send(.put, "/_sim/faults/files", body: #"{"status":502,"fraction":0.5,"latency_ms":10}"#)
            let faults = try await client.inspect("/_sim/faults", as: [String: [String: Double]].self)
            #expect(faults == ["files": ["status": 502, "fraction": 0.5, "latency_ms": 10]])
            #expect(try await client.send(.delete, "/_sim/faults/files").status == .ok)
            #expect(try await client.inspect("/_sim/faults", as: [String: [String: Double]].self).isEmpty)
        }
    }

    @Test(arguments: [
        (#"{}"#, "a fault needs status, latency_ms or hang_ms"),
        (#"{"status":42}"#, "field status must be an HTTP status (100-599)"),
        (#"{"status":500,"hang_ms":10}"#, "a fault either answers status or hangs, not both"),
        (#"{"status":500,"fraction":1.5}"#, "field fraction must be between 0 and 1"),
        (#"{"latency_ms":-1}"#, "latency_ms and hang_ms must not be negative"),
        (#"{"status":500,"times":0}"#, "field times must be positive"),
    ])
    func anInvalidFaultIsRefused(body: String, error: String) async throws {
        try await withSimulator { client in
            let response = try await client.send(.put, "/_sim/faults/receipts", body: body)
            #expect(response.status == .badRequest)
            #expect(response.errorMessage == error)
        }
    }

    @Test func aFaultForAnUnknownAPIIsNotFound() async throws {
        try await withSimulator { client in
            let response = try await client.send(.put, "/_sim/faults/banking", body: #"{"status":500}"#)
            #expect(response.status == .notFound)
            #expect(response.errorMessage == "no API banking; known: receipts, payments, files, spreadsheets, dead-nation")
        }
    }
}
