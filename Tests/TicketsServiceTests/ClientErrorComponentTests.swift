import Foundation
import Testing

/// Every 4xx of CONTRACT.md §2 through the real service: a clear `{"error": ...}` and nothing
/// changed.
@Suite struct ClientErrorComponentTests {
    private func environment() async throws -> ComponentEnvironment {
        try await ComponentEnvironment.shared.value
    }

    private func expectError(_ reply: ComponentEnvironment.Reply, _ status: Int, containing text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(reply.status == status, sourceLocation: sourceLocation)
        let message = (reply.json as? [String: Any])?["error"] as? String
        #expect(message?.contains(text) == true, "\(reply.text)", sourceLocation: sourceLocation)
        #expect(reply.headers["Correlation-ID"] != nil, sourceLocation: sourceLocation)
    }

    @Test func showsRefuseInvalidBodies() async throws {
        let env = try await environment()
        expectError(try await env.call(.post, "/shows", json: "{not json"), 400, containing: "not valid JSON")
        expectError(try await env.call(.post, "/shows", json: #"{"number_of_tickets":1}"#), 400, containing: "missing field")
        expectError(try await env.call(.post, "/shows", json: #"{"dead_nation_id":"nope","number_of_tickets":1,"start_time":"2026-01-01T00:00:00Z","title":"t","venue":"v"}"#), 400, containing: "dead_nation_id")
        expectError(try await env.call(.post, "/shows", json: #"{"dead_nation_id":"\#(UUID().lowercased)","number_of_tickets":0,"start_time":"2026-01-01T00:00:00Z","title":"t","venue":"v"}"#), 400, containing: "number_of_tickets")
        expectError(try await env.call(.post, "/shows", json: #"{"dead_nation_id":"\#(UUID().lowercased)","number_of_tickets":1,"start_time":"yesterday","title":"t","venue":"v"}"#), 400, containing: "start_time")
    }

    @Test func aSecondShowWithTheSameDeadNationIDIsAConflictNamingTheFirst() async throws {
        let env = try await environment()
        let body = #"{"dead_nation_id":"\#(UUID().lowercased)","number_of_tickets":3,"start_time":"2026-01-01T20:00:00+01:00","title":"t","venue":"v"}"#
        let first = try await env.call(.post, "/shows", json: body)
        #expect(first.status == 201)
        let second = try await env.call(.post, "/shows", json: body)
        expectError(second, 409, containing: "dead_nation_id")
        #expect((second.json as? [String: String])?["show_id"] == (first.json as? [String: String])?["show_id"])
    }

    @Test func bookingsRefuseUnknownShowsAndInvalidBodies() async throws {
        let env = try await environment()
        expectError(try await env.call(.post, "/book-tickets", json: #"{"show_id":"\#(UUID().lowercased)","number_of_tickets":1,"customer_email":"a@b.c"}"#), 404, containing: "show not found")
        expectError(try await env.call(.post, "/book-tickets", json: #"{"show_id":"x","number_of_tickets":1,"customer_email":"a@b.c"}"#), 400, containing: "show_id")
        expectError(try await env.call(.post, "/book-tickets", json: #"{"show_id":"\#(UUID().lowercased)","number_of_tickets":-2,"customer_email":"a@b.c"}"#), 400, containing: "number_of_tickets")
        expectError(try await env.call(.post, "/book-tickets", json: #"{"show_id":"\#(UUID().lowercased)","number_of_tickets":1,"customer_email":"nobody"}"#), 400, containing: "customer_email")
        expectError(try await env.call(.post, "/book-tickets", json: "[]"), 400, containing: "JSON object")
    }

    @Test func ticketStatusesNeedAKeyAndValidTickets() async throws {
        let env = try await environment()
        let ticket = UUID().lowercased
        func body(status: String = "confirmed", ticketID: String = ticket, amount: String = "10.50", currency: String = "EUR") -> String {
            #"{"tickets":[{"ticket_id":"\#(ticketID)","status":"\#(status)","customer_email":"a@b.c","price":{"amount":"\#(amount)","currency":"\#(currency)"},"booking_id":"\#(UUID().lowercased)"}]}"#
        }
        let key = ["Idempotency-Key": "k-\(ticket)"]
        expectError(try await env.call(.post, "/tickets-status", json: body()), 400, containing: "Idempotency-Key")
        expectError(try await env.call(.post, "/tickets-status", json: "{", headers: key), 400, containing: "not valid JSON")
        expectError(try await env.call(.post, "/tickets-status", json: body(status: "lost"), headers: key), 400, containing: "status")
        expectError(try await env.call(.post, "/tickets-status", json: body(ticketID: "123"), headers: key), 400, containing: "ticket_id")
        expectError(try await env.call(.post, "/tickets-status", json: body(amount: "12.345"), headers: key), 400, containing: "amount")
        expectError(try await env.call(.post, "/tickets-status", json: body(amount: "ten"), headers: key), 400, containing: "amount")
        expectError(try await env.call(.post, "/tickets-status", json: body(currency: "euro"), headers: key), 400, containing: "currency")
        expectError(try await env.call(.post, "/tickets-status", json: #"{"tickets":[{"ticket_id":"\#(ticket)"}]}"#, headers: key), 400, containing: "missing field")
        // None of the refused requests stored the ticket.
        try await Task.sleep(for: .milliseconds(300))
        let listed = try await env.call(.get, "/tickets").json as? [[String: Any]] ?? []
        #expect(!listed.contains { $0["ticket_id"] as? String == ticket })
    }

    @Test func refundsNeedAKnownTicket() async throws {
        let env = try await environment()
        expectError(try await env.call(.put, "/ticket-refund/not-a-uuid"), 400, containing: "ticket_id")
        expectError(try await env.call(.put, "/ticket-refund/\(UUID().lowercased)"), 404, containing: "ticket not found")
    }

    @Test func opsNeedsTheTokenAndValidParameters() async throws {
        let env = try await environment()
        expectError(try await env.call(.get, "/ops/bookings"), 401, containing: "bearer token")
        expectError(try await env.call(.get, "/ops/bookings", headers: ["Authorization": "Bearer wrong"]), 401, containing: "bearer token")
        expectError(try await env.ops("/ops/bookings?receipt_issue_date=2024-13-01"), 400, containing: "receipt_issue_date")
        expectError(try await env.ops("/ops/bookings?receipt_issue_date=yesterday"), 400, containing: "receipt_issue_date")
        expectError(try await env.ops("/ops/bookings?limit=0"), 400, containing: "limit")
        expectError(try await env.ops("/ops/bookings?after=x"), 400, containing: "after")
        expectError(try await env.ops("/ops/bookings/x"), 400, containing: "booking_id")
        expectError(try await env.ops("/ops/bookings/\(UUID().lowercased)"), 404, containing: "not found")
    }

    @Test func unknownRoutesAreJSON404s() async throws {
        let env = try await environment()
        expectError(try await env.call(.get, "/nowhere"), 404, containing: "not found")
    }
}
