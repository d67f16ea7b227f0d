import GatewaySimulator
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite struct ValidationTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var method: HTTPRequest.Method
        var uri: String
        var body: String
        var error: String

        var testDescription: String { "\(method) \(uri): \(error)" }
    }

    static let cases: [Case] = [
        Case(method: .put, uri: "/receipts-api/receipts", body: "{not json", error: "malformed JSON"),
        Case(method: .put, uri: "/receipts-api/receipts", body: #"{"ticket_id":"t","idempotency_key":"k"}"#, error: "missing field price"),
        Case(method: .put, uri: "/receipts-api/receipts",
             body: #"{"ticket_id":"t","price":{"money_amount":"1.00"},"idempotency_key":"k"}"#, error: "missing field price.money_currency"),
        Case(method: .put, uri: "/receipts-api/receipts",
             body: #"{"ticket_id":"t","price":{"money_amount":1,"money_currency":"EUR"},"idempotency_key":"k"}"#,
             error: "field price.money_amount has the wrong type"),
        Case(method: .put, uri: "/receipts-api/receipts",
             body: #"{"ticket_id":"t","price":{"money_amount":"ten","money_currency":"EUR"},"idempotency_key":"k"}"#,
             error: "field price.money_amount must be a decimal amount"),
        Case(method: .put, uri: "/receipts-api/receipts",
             body: #"{"ticket_id":"t","price":{"money_amount":"1.00","money_currency":"euro"},"idempotency_key":"k"}"#,
             error: "field price.money_currency must be a three-letter currency code"),
        Case(method: .put, uri: "/receipts-api/receipts",
             body: #"{"ticket_id":"t","price":{"money_amount":"1.00","money_currency":"EUR"},"idempotency_key":""}"#,
             error: "field idempotency_key must not be empty"),
        Case(method: .put, uri: "/receipts-api/receipts", 
             body: #"{"ticket_id":null,"price":{"money_amount":"1.00","money_currency":"EUR"},"idempotency_key":"k"}"#,
             error: "field ticket_id is null"),
        Case(method: .put, uri: "/receipts-api/void-receipt", body: #"{"ticket_id":"t","reason":"r"}"#, error: "missing field idempotent_id"),
        Case(method: .put, uri: "/payments-api/refunds", body: #"{"payment_reference":"p","reason":" ","deduplication_id":"d"}"#,
             error: "field reason must not be empty"),
        Case(method: .post, uri: "/spreadsheets-api/sheets/s/rows", body: #"{"columns":[]}"#, error: "field columns must not be empty"),
        Case(method: .post, uri: "/spreadsheets-api/sheets/s/rows", body: #"{"columns":[1,2]}"#, error: "field columns.Index 0 has the wrong type"),
        Case(method: .post, uri: "/dead-nation-api/ticket/booking",
             body: #"{"booking_id":"nope","customer_address":"a@b.c","event_id":"5d3c1a0e-2b1f-4c47-9a57-2f6f1c1f7d11","number_of_tickets":1}"#,
             error: "field booking_id must be a UUID"),
        Case(method: .post, uri: "/dead-nation-api/ticket/booking",
             body: #"{"booking_id":"5d3c1a0e-2b1f-4c47-9a57-2f6f1c1f7d11","customer_address":"a@b.c","event_id":"5d3c1a0e-2b1f-4c47-9a57-2f6f1c1f7d11","number_of_tickets":0}"#,
             error: "field number_of_tickets must be between 1 and 1000"),
    ]

    @Test(arguments: cases)
    func badInputIsABadRequestNamingTheProblem(_ testCase: Case) async throws {
        try await withSimulator { client in
            let response = try await client.send(testCase.method, testCase.uri, body: testCase.body)
            #expect(response.status == .badRequest)
            #expect(response.headers[.contentType] == "application/json")
            #expect(response.errorMessage == testCase.error)
        }
    }

    @Test func aRejectedCallChangesNothingButIsJournaled() async throws {
        try await withSimulator { client in
            _ = try await client.send(.put, "/receipts-api/receipts", body: "{}")
            #expect(try await client.inspect("/_sim/receipts", as: [AnyRecord].self).isEmpty)
            let journal = try await client.inspect("/_sim/requests", as: [JournalEntry].self)
            #expect(journal.map(\.status) == [400])
        }
    }
}
