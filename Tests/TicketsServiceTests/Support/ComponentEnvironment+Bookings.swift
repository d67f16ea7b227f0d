import Foundation
import TestSupport
import Testing

/// The steps of a booking that several component tests take.
extension ComponentEnvironment {
    func createShow(seats: Int) async throws -> String {
        let reply = try await call(.post, "/shows", json: """
            {"dead_nation_id":"\(UUID().lowercased)","number_of_tickets":\(seats),"start_time":"2026-12-24T20:00:00Z","title":"Swift Live","venue":"Hall 1"}
            """)
        #expect(reply.status == 201)
        return try #require((reply.json as? [String: String])?["show_id"])
    }

    func book(show: String, seats: Int, email: String = "ada@example.com", headers: [String: String] = [:]) async throws -> Reply {
        try await call(
            .post, "/book-tickets", json: #"{"show_id":"\#(show)","number_of_tickets":\#(seats),"customer_email":"\#(email)"}"#,
            headers: headers
        )
    }

    /// Books `seats` seats of a new show and waits until Dead Nation's callback made every
    /// ticket reach receipt and print in the read model.
    func bookAndWaitForPrintedTickets(seats: Int = 2) async throws -> (booking: String, tickets: [String: [String: Any]]) {
        let show = try await createShow(seats: 10)
        let reply = try await book(show: show, seats: seats, email: "grace@example.com")
        let booking = try #require((reply.json as? [String: String])?["booking_id"])
        var tickets: [String: [String: Any]] = [:]
        try await eventually("every ticket receipted and printed") {
            let document = try await ops("/ops/bookings/\(booking)").json as? [String: Any]
            tickets = document?["tickets"] as? [String: [String: Any]] ?? [:]
            return tickets.count == seats && tickets.values.allSatisfy { $0["receipt_number"] is String && $0["printed_file_name"] is String }
        }
        return (booking, tickets)
    }
}
