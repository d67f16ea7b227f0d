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

    // MARK: Holds, availability, bulk

    private func newShow(_ env: ComponentEnvironment, seats: Int) async throws -> String {
        let reply = try await env.call(.post, "/shows", json: #"{"dead_nation_id":"\#(UUID().lowercased)","number_of_tickets":\#(seats),"start_time":"2026-01-01T00:00:00Z","title":"t","venue":"v"}"#)
        return try #require((reply.json as? [String: String])?["show_id"])
    }

    private func holdBody(seats: Int = 1, email: String = "a@b.c", ttl: Int = 60) -> String {
        #"{"number_of_tickets":\#(seats),"customer_email":"\#(email)","ttl_seconds":\#(ttl)}"#
    }

    @Test func holdsRefuseInvalidRequestsAndMissingSeats() async throws {
        let env = try await environment()
        let show = try await newShow(env, seats: 2)
        expectError(try await env.call(.post, "/shows/\(show)/holds", json: "{nope"), 400, containing: "not valid JSON")
        expectError(try await env.call(.post, "/shows/\(show)/holds", json: #"{"number_of_tickets":1}"#), 400, containing: "missing field")
        expectError(try await env.call(.post, "/shows/x/holds", json: holdBody()), 400, containing: "show_id")
        expectError(try await env.call(.post, "/shows/\(show)/holds", json: holdBody(seats: 0)), 400, containing: "number_of_tickets")
        expectError(try await env.call(.post, "/shows/\(show)/holds", json: holdBody(email: "nobody")), 400, containing: "customer_email")
        expectError(try await env.call(.post, "/shows/\(show)/holds", json: holdBody(ttl: 0)), 400, containing: "ttl_seconds must be from 1 to 3600")
        expectError(try await env.call(.post, "/shows/\(show)/holds", json: holdBody(ttl: 3601)), 400, containing: "ttl_seconds")
        expectError(try await env.call(.post, "/shows/\(UUID().lowercased)/holds", json: holdBody()), 404, containing: "show not found")
        expectError(try await env.call(.post, "/shows/\(show)/holds", json: holdBody(seats: 3)), 400, containing: "not enough seats available")
        // None of the refused holds took a seat.
        let seats = (try await env.call(.get, "/shows/\(show)").json as? [String: Any])?["seats"] as? [String: Int]
        #expect(seats == ["capacity": 2, "booked": 0, "held": 0, "available": 2])
    }

    @Test func bookingAndReleasingHoldsRefuseBadOrUnknownHolds() async throws {
        let env = try await environment()
        let show = try await newShow(env, seats: 2)
        expectError(try await env.call(.post, "/book-tickets", json: #"{"hold_id":"x"}"#), 400, containing: "hold_id")
        expectError(try await env.call(.post, "/book-tickets", json: #"{"hold_id":"\#(UUID().lowercased)"}"#), 404, containing: "hold not found")
        expectError(try await env.call(.post, "/book-tickets", json: #"{"hold_id":"\#(UUID().lowercased)","show_id":"\#(show)"}"#), 400, containing: "leave out show_id")
        expectError(try await env.call(.post, "/book-tickets", json: #"{"number_of_tickets":1,"customer_email":"a@b.c"}"#), 400, containing: "missing field show_id")
        expectError(try await env.call(.post, "/book-tickets", json: #"{"show_id":"\#(show)","customer_email":"a@b.c"}"#), 400, containing: "missing field number_of_tickets")
        expectError(try await env.call(.delete, "/holds/x"), 400, containing: "hold_id")
        expectError(try await env.call(.delete, "/holds/\(UUID().lowercased)"), 404, containing: "hold not found")

        let hold = try #require((try await env.call(.post, "/shows/\(show)/holds", json: holdBody(seats: 2)).json as? [String: String])?["hold_id"])
        expectError(try await env.call(.post, "/book-tickets", json: #"{"show_id":"\#(show)","number_of_tickets":1,"customer_email":"a@b.c"}"#), 400, containing: "not enough seats available")
        #expect(try await env.call(.post, "/book-tickets", json: #"{"hold_id":"\#(hold)"}"#).status == 201)
        expectError(try await env.call(.post, "/book-tickets", json: #"{"hold_id":"\#(hold)"}"#), 409, containing: "booked already")
        expectError(try await env.call(.delete, "/holds/\(hold)"), 409, containing: "booked already")
    }

    @Test func showDetailsNeedAKnownShow() async throws {
        let env = try await environment()
        expectError(try await env.call(.get, "/shows/x"), 400, containing: "show_id")
        expectError(try await env.call(.get, "/shows/\(UUID().lowercased)"), 404, containing: "show not found")
    }

    @Test func bulkShowsListEveryBadItemAndCreateNone() async throws {
        let env = try await environment()
        let repeated = UUID().lowercased
        func show(_ deadNationID: String = UUID().lowercased, seats: String = "1", start: String = "2026-01-01T00:00:00Z") -> String {
            #"{"dead_nation_id":"\#(deadNationID)","number_of_tickets":\#(seats),"start_time":"\#(start)","title":"t","venue":"v"}"#
        }
        let good = UUID().lowercased
        let reply = try await env.call(.post, "/shows/bulk", json: #"{"shows":[\#(show(good)),\#(show("nope")),\#(show(seats: "0")),\#(show(seats: "\"two\"")),{"title":"t"},\#(show(repeated)),\#(show(repeated)),\#(show(start: "soon"))]}"#)
        expectError(reply, 400, containing: "6 of 8 shows are invalid")
        let errors = try #require((reply.json as? [String: Any])?["errors"] as? [[String: Any]])
        #expect(errors.compactMap { $0["index"] as? Int } == [1, 2, 3, 4, 6, 7])
        let messages = errors.compactMap { $0["error"] as? String }
        #expect(messages.count == 6)
        #expect(messages[0].contains("dead_nation_id") && messages[1].contains("number_of_tickets"))
        #expect(messages[2].contains("shows[3].number_of_tickets") && messages[3].contains("missing field"))
        #expect(messages[4].contains("repeats that of item 5") && messages[5].contains("start_time"))
        // All or nothing: the good item was not created either.
        let retried = try await env.call(.post, "/shows/bulk", json: #"{"shows":[\#(show(good))]}"#)
        #expect(retried.status == 201)

        expectError(try await env.call(.post, "/shows/bulk", json: #"{"shows":[]}"#), 400, containing: "at least one")
        expectError(try await env.call(.post, "/shows/bulk", json: "{"), 400, containing: "not valid JSON")
        expectError(try await env.call(.post, "/shows/bulk", json: #"{"shows":{}}"#), 400, containing: "shows")
        let tooMany = Array(repeating: show(), count: 1001).joined(separator: ",")
        expectError(try await env.call(.post, "/shows/bulk", json: #"{"shows":[\#(tooMany)]}"#), 400, containing: "at most 1000")

        let fresh = UUID().lowercased
        let clash = try await env.call(.post, "/shows/bulk", json: #"{"shows":[\#(show(fresh)),\#(show(good))]}"#)
        expectError(clash, 409, containing: "exist already")
        let clashes = try #require((clash.json as? [String: Any])?["errors"] as? [[String: Any]])
        #expect(clashes.count == 1 && clashes[0]["index"] as? Int == 1)
        let existingID = try #require((retried.json as? [String: [String]])?["show_ids"]?.first)
        #expect(clashes[0]["show_id"] as? String == existingID)
        #expect(try await env.call(.post, "/shows/bulk", json: #"{"shows":[\#(show(fresh))]}"#).status == 201)
    }

    @Test func unknownRoutesAreJSON404s() async throws {
        let env = try await environment()
        expectError(try await env.call(.get, "/nowhere"), 404, containing: "not found")
    }
}
