import Adapters
import Foundation
import Message
import TestSupport
import Testing
@testable import TicketsService

/// The whole service over HTTP, with real Postgres, Redis and the gateway simulator. One suite,
/// run serially: the read-model rebuild replaces the whole read model and must not race other
/// tests' handlers.
@Suite(.serialized) struct TicketFlowComponentTests {
    private func environment() async throws -> ComponentEnvironment {
        try await ComponentEnvironment.shared.value
    }

    private func statusBody(ticket: UUID, status: String, booking: UUID = UUID(), amount: String = "100", currency: String = "EUR", email: String = "ada@example.com") -> String {
        """
        {"tickets":[{"ticket_id":"\(ticket.lowercased)","status":"\(status)","customer_email":"\(email)",\
        "price":{"amount":"\(amount)","currency":"\(currency)"},"booking_id":"\(booking.lowercased)"}]}
        """
    }

    private func rows(_ env: ComponentEnvironment, sheet: String, ticket: UUID) async throws -> [[String]] {
        let all = try await env.gateway("/_sim/sheets/\(sheet)/rows") as? [[String]] ?? []
        return all.filter { $0.first == ticket.lowercased }
    }

    private func receipts(_ env: ComponentEnvironment, ticket: UUID) async throws -> [[String: Any]] {
        (try await env.gateway("/_sim/receipts") as? [[String: Any]] ?? []).filter { $0["ticket_id"] as? String == ticket.lowercased }
    }

    private func activeTicketIDs(_ env: ComponentEnvironment) async throws -> [String] {
        let list = try await env.call(.get, "/tickets").json as? [[String: Any]] ?? []
        return list.compactMap { $0["ticket_id"] as? String }
    }

    // MARK: Ticket status

    @Test func aConfirmationPostedThreeTimesGivesOneReceiptOneFileOneRowAndAListedTicket() async throws {
        let env = try await environment()
        let ticket = UUID()
        for _ in 0..<3 {
            let reply = try await env.call(.post, "/tickets-status", json: statusBody(ticket: ticket, status: "confirmed"), headers: ["Idempotency-Key": "key-\(ticket)"])
            #expect(reply.status == 200)
            #expect(reply.body.isEmpty)
        }
        try await eventually("receipt, file, row and listed ticket") {
            let files = try await env.gateway("/_sim/files") as? [[String: Any]] ?? []
            let receiptCount = try await receipts(env, ticket: ticket).count
            let printRows = try await rows(env, sheet: "tickets-to-print", ticket: ticket).count
            let listed = try await activeTicketIDs(env).contains(ticket.lowercased)
            return receiptCount == 1 && printRows == 1 && listed
                && files.contains { $0["file_id"] as? String == "\(ticket.lowercased)-ticket.html" }
        }
        // Nothing more arrives later either.
        try await Task.sleep(for: .milliseconds(500))
        let receipt = try #require(try await receipts(env, ticket: ticket).first)
        #expect(try await receipts(env, ticket: ticket).count == 1)
        #expect((receipt["price"] as? [String: String]) == ["money_amount": "100", "money_currency": "EUR"])
        #expect(try await rows(env, sheet: "tickets-to-print", ticket: ticket) == [[ticket.lowercased, "ada@example.com", "100", "EUR"]])
        let content = try await env.http.execute(.init(method: .get, url: env.gatewayURL + "/_sim/files/\(ticket.lowercased)-ticket.html"))
        let html = String(decoding: content.body, as: UTF8.self)
        #expect(html.contains(ticket.lowercased) && html.contains("100") && html.contains("EUR"))
        let listed = try #require((try await env.call(.get, "/tickets").json as? [[String: Any]])?.first { $0["ticket_id"] as? String == ticket.lowercased })
        #expect(listed["customer_email"] as? String == "ada@example.com")
        #expect((listed["price"] as? [String: String]) == ["amount": "100.00", "currency": "EUR"])
    }

    @Test func aCancelGoesToTheRefundSheetAndOffTheList() async throws {
        let env = try await environment()
        let ticket = UUID()
        let booking = UUID()
        _ = try await env.call(.post, "/tickets-status", json: statusBody(ticket: ticket, status: "confirmed", booking: booking), headers: ["Idempotency-Key": "c1"])
        try await eventually("the ticket is listed") { try await activeTicketIDs(env).contains(ticket.lowercased) }
        let reply = try await env.call(.post, "/tickets-status", json: statusBody(ticket: ticket, status: "canceled", booking: booking), headers: ["Idempotency-Key": "c2"])
        #expect(reply.status == 200)
        try await eventually("refund row, ticket gone") {
            let refundRows = try await rows(env, sheet: "tickets-to-refund", ticket: ticket)
            let listed = try await activeTicketIDs(env).contains(ticket.lowercased)
            return refundRows == [[ticket.lowercased, "ada@example.com", "100", "EUR"]] && !listed
        }
    }

    @Test func aCancelBeforeItsConfirmationKeepsTheTicketCanceled() async throws {
        let env = try await environment()
        let ticket = UUID()
        let booking = UUID()
        _ = try await env.call(.post, "/tickets-status", json: statusBody(ticket: ticket, status: "canceled", booking: booking), headers: ["Idempotency-Key": "early-cancel"])
        try await eventually("refund row") { try await rows(env, sheet: "tickets-to-refund", ticket: ticket).count == 1 }
        _ = try await env.call(.post, "/tickets-status", json: statusBody(ticket: ticket, status: "confirmed", booking: booking), headers: ["Idempotency-Key": "late-confirm"])
        try await eventually("the late confirmation was handled") { try await receipts(env, ticket: ticket).count == 1 }
        try await Task.sleep(for: .milliseconds(300))
        #expect(try await !activeTicketIDs(env).contains(ticket.lowercased))
    }

    // MARK: Bookings

    @Test func aShowOfFiveSeatsTakesThreeThenRefusesThreeMore() async throws {
        let env = try await environment()
        let show = try await env.createShow(seats: 5)
        let first = try await env.book(show: show, seats: 3)
        #expect(first.status == 201)
        #expect(UUID(uuidString: (first.json as? [String: String])?["booking_id"] ?? "") != nil)
        let second = try await env.book(show: show, seats: 3)
        #expect(second.status == 400)
        #expect(second.json as? [String: String] == ["error": "not enough seats available"])
    }

    @Test func twentyConcurrentBookingsNeverExceedCapacityAndEachSuccessReachesDeadNationOnce() async throws {
        let env = try await environment()
        let show = try await env.createShow(seats: 7)
        let replies = try await withThrowingTaskGroup(of: ComponentEnvironment.Reply.self) { group in
            for index in 0..<20 { group.addTask { try await env.book(show: show, seats: 1, email: "buyer\(index)@example.com") } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(Set(replies.map(\.status)).isSubset(of: [201, 400]))
        let booked = replies.compactMap { ($0.json as? [String: String])?["booking_id"] }
        #expect(booked.count == 7)
        try await eventually("one Dead Nation booking per success") {
            let calls = try await env.gateway("/_sim/dead-nation/bookings") as? [[String: Any]] ?? []
            let ours = calls.filter { booked.contains($0["booking_id"] as? String ?? "") }
            return ours.count == 7 && ours.allSatisfy { ($0["repeats"] as? Int ?? 0) == 0 }
        }
    }

    // MARK: Read model and refunds

    @Test func theReadModelFollowsABookingFromBookedToRefunded() async throws {
        let env = try await environment()
        let (booking, tickets) = try await env.bookAndWaitForPrintedTickets()
        let document = try #require(try await env.ops("/ops/bookings/\(booking)").json as? [String: Any])
        #expect(document["booking_id"] as? String == booking)
        #expect(document["booked_at"] is String)
        #expect(document["last_update"] is String)
        for (id, ticket) in tickets {
            #expect(ticket["confirmed_at"] is String)
            #expect(ticket["receipt_issued_at"] is String)
            #expect(ticket["printed_at"] is String)
            #expect(ticket["printed_file_name"] as? String == "\(id)-ticket.html")
            #expect(ticket["price_amount"] as? String == "50.00")
            #expect(ticket["price_currency"] as? String == "EUR")
            #expect(ticket["customer_email"] as? String == "grace@example.com")
            #expect(ticket["refunded_at"] is NSNull)
        }

        let refunded = try #require(tickets.keys.first)
        for _ in 0..<2 {
            let reply = try await env.call(.put, "/ticket-refund/\(refunded)")
            #expect(reply.status == 202)
            #expect(reply.json as? [String: String] == ["ticket_id": refunded])
        }
        try await eventually("refunded_at in the read model") {
            let document = try await env.ops("/ops/bookings/\(booking)").json as? [String: Any]
            return ((document?["tickets"] as? [String: [String: Any]])?[refunded]?["refunded_at"]) is String
        }
        let voids = (try await env.gateway("/_sim/voids") as? [[String: Any]] ?? []).filter { $0["ticket_id"] as? String == refunded }
        let refunds = (try await env.gateway("/_sim/refunds") as? [[String: Any]] ?? []).filter { $0["payment_reference"] as? String == refunded }
        #expect(voids.count == 1 && (voids.first?["repeats"] as? Int) == 0)
        #expect(refunds.count == 1 && (refunds.first?["repeats"] as? Int) == 0)
    }

    @Test func theReceiptDayFilterListsOnlyBookingsWithAReceiptThatDay() async throws {
        let env = try await environment()
        let (booking, tickets) = try await env.bookAndWaitForPrintedTickets()
        let issued = try #require(tickets.values.first?["receipt_issued_at"] as? String)
        let day = String(issued.prefix(10))
        let thatDay = try await env.ops("/ops/bookings?receipt_issue_date=\(day)&limit=1000").json as? [[String: Any]] ?? []
        #expect(thatDay.contains { $0["booking_id"] as? String == booking })
        let otherDay = try await env.ops("/ops/bookings?receipt_issue_date=2001-01-01").json as? [[String: Any]] ?? []
        #expect(!otherDay.contains { $0["booking_id"] as? String == booking })
    }

    @Test func pagingWalksTheBookingsInIDOrder() async throws {
        let env = try await environment()
        _ = try await env.bookAndWaitForPrintedTickets()
        _ = try await env.bookAndWaitForPrintedTickets()
        let firstPage = try #require(try await env.ops("/ops/bookings?limit=1").json as? [[String: Any]])
        let first = try #require(firstPage.first?["booking_id"] as? String)
        #expect(firstPage.count == 1)
        let secondPage = try #require(try await env.ops("/ops/bookings?limit=1&after=\(first)").json as? [[String: Any]])
        let second = try #require(secondPage.first?["booking_id"] as? String)
        #expect(second > first)
    }

    @Test func rebuildingFromTheDataLakeGivesTheSameDocuments() async throws {
        let env = try await environment()
        let (booking, _) = try await env.bookAndWaitForPrintedTickets()
        let bus = MessageBus(topology: try BusTopology())
        let readModel = PostgresOpsReadModel(client: env.postgres, bus: bus)
        // Handlers of earlier tests may still be at work; compare only once everything has landed.
        try await env.waitUntilQuiet()
        let before = try await readModel.bookings(receiptIssuedOn: nil, after: nil, limit: 1000)
        _ = try await OpsReadModelRebuild(dataLake: PostgresDataLake(client: env.postgres), readModel: readModel).run()
        let after = try await readModel.bookings(receiptIssuedOn: nil, after: nil, limit: 1000)
        #expect(after == before)
        #expect(after.contains { $0.bookingID.lowercased == booking })
    }
}

extension UUID {
    var lowercased: String { uuidString.lowercased() }
}
