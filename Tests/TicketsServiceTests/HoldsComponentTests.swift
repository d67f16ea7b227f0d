import Adapters
import Foundation
import Message
import TestSupport
import Testing

/// Holds, availability and bulk shows through the real service: the routes, the sweeper in the
/// service group, and the events reaching the data lake through outbox, Redis and the handler.
@Suite struct HoldsComponentTests {
    private func environment() async throws -> ComponentEnvironment {
        try await ComponentEnvironment.shared.value
    }

    private func showBody(deadNationID: UUID = UUID(), seats: Int = 5) -> String {
        #"{"dead_nation_id":"\#(deadNationID.lowercased)","number_of_tickets":\#(seats),"start_time":"2026-12-24T20:00:00Z","title":"Rush","venue":"Hall"}"#
    }

    private func createShow(_ env: ComponentEnvironment, seats: Int) async throws -> String {
        let reply = try await env.call(.post, "/shows", json: showBody(seats: seats))
        return try #require((reply.json as? [String: String])?["show_id"])
    }

    private func hold(_ env: ComponentEnvironment, show: String, seats: Int, ttl: Int = 600) async throws -> ComponentEnvironment.Reply {
        try await env.call(.post, "/shows/\(show)/holds", json: #"{"number_of_tickets":\#(seats),"customer_email":"ada@example.com","ttl_seconds":\#(ttl)}"#)
    }

    private func seats(_ env: ComponentEnvironment, show: String) async throws -> [String: Int] {
        let reply = try await env.call(.get, "/shows/\(show)")
        #expect(reply.status == 200)
        return try #require((reply.json as? [String: Any])?["seats"] as? [String: Int])
    }

    /// The names of the data lake's events about `hold`, oldest first.
    private func dataLakeEvents(_ env: ComponentEnvironment, hold: String) async throws -> [String] {
        try await env.postgres.query(
            "SELECT event_name FROM events WHERE event_payload->>'hold_id' = $1 ORDER BY published_at", [hold]
        ).map { try $0.decode(String.self, column: "event_name") }
    }

    @Test func aHoldIsBookedOnceAndItsEventsReachTheDataLake() async throws {
        let env = try await environment()
        let show = try await createShow(env, seats: 5)
        let held = try await hold(env, show: show, seats: 3)
        #expect(held.status == 201)
        let body = try #require(held.json as? [String: String])
        let holdID = try #require(body["hold_id"])
        #expect(body["expires_at"].flatMap(RFC3339.date(from:)) != nil)
        #expect(try await seats(env, show: show) == ["capacity": 5, "booked": 0, "held": 3, "available": 2])

        let details = try #require(try await env.call(.get, "/shows/\(show)").json as? [String: Any])
        #expect(details["show_id"] as? String == show)
        #expect(details["number_of_tickets"] as? Int == 5)
        #expect(details["title"] as? String == "Rush")

        let booked = try await env.call(.post, "/book-tickets", json: #"{"hold_id":"\#(holdID)"}"#)
        #expect(booked.status == 201)
        let bookingID = try #require((booked.json as? [String: String])?["booking_id"])
        #expect(try await seats(env, show: show) == ["capacity": 5, "booked": 3, "held": 0, "available": 2])

        let again = try await env.call(.post, "/book-tickets", json: #"{"hold_id":"\#(holdID)"}"#)
        #expect(again.status == 409)
        #expect((again.json as? [String: String])?["booking_id"] == bookingID)

        try await eventually("SeatsHeld_v1 and the booking in the data lake") {
            let bookingStored = try await env.postgres.query(
                "SELECT 1 FROM events WHERE event_name = 'BookingMade_v1' AND event_payload->>'booking_id' = $1", [bookingID]
            ).count == 1
            return try await dataLakeEvents(env, hold: holdID) == ["SeatsHeld_v1"] && bookingStored
        }
        // The booking goes on to Dead Nation like any other.
        try await eventually("the booking reaches the ops read model") {
            try await env.ops("/ops/bookings/\(bookingID)").status == 200
        }
    }

    @Test func aReleaseFreesTheSeatsAtOnceAndRepeatsHarmlessly() async throws {
        let env = try await environment()
        let show = try await createShow(env, seats: 2)
        let holdID = try #require((try await hold(env, show: show, seats: 2).json as? [String: String])?["hold_id"])
        #expect(try await hold(env, show: show, seats: 1).status == 400)

        for _ in 0..<2 {
            let released = try await env.call(.delete, "/holds/\(holdID)")
            #expect(released.status == 204)
        }
        #expect(try await seats(env, show: show) == ["capacity": 2, "booked": 0, "held": 0, "available": 2])
        let booked = try await env.call(.post, "/book-tickets", json: #"{"hold_id":"\#(holdID)"}"#)
        #expect(booked.status == 409)
        #expect((booked.json as? [String: String])?["error"]?.contains("released") == true)
        try await eventually("SeatsHeld_v1 then one SeatsReleased_v1 in the data lake") {
            try await dataLakeEvents(env, hold: holdID) == ["SeatsHeld_v1", "SeatsReleased_v1"]
        }
    }

    @Test func anExpiredHoldGivesItsSeatsBackWithNoRequest() async throws {
        let env = try await environment()
        let show = try await createShow(env, seats: 3)
        let holdID = try #require((try await hold(env, show: show, seats: 3, ttl: 1).json as? [String: String])?["hold_id"])
        // Only the sweeper (every 100 ms here) touches the hold: no request is made for it.
        try await eventually("the sweeper released the hold") {
            try await env.postgres.query("SELECT state FROM holds WHERE hold_id = $1::uuid", [holdID])[0]
                .decode(String.self, column: "state") == "expired"
        }
        let row = try await env.postgres.query("SELECT held_seats FROM shows WHERE show_id = $1::uuid", [show])[0]
        #expect(try row.decode(Int.self, column: "held_seats") == 0)
        #expect(try await seats(env, show: show) == ["capacity": 3, "booked": 0, "held": 0, "available": 3])
        let late = try await env.call(.post, "/book-tickets", json: #"{"hold_id":"\#(holdID)"}"#)
        #expect(late.status == 409)
        #expect((late.json as? [String: String])?["error"]?.contains("expired") == true)
        try await eventually("SeatsReleased_v1 (expired) in the data lake") {
            let reasons = try await env.postgres.query(
                "SELECT event_payload->>'reason' AS reason FROM events WHERE event_name = 'SeatsReleased_v1' AND event_payload->>'hold_id' = $1",
                [holdID]
            ).map { try $0.decode(String.self, column: "reason") }
            return reasons == ["expired"]
        }
    }

    @Test func bulkCreatesEveryShowInOrder() async throws {
        let env = try await environment()
        let reply = try await env.call(.post, "/shows/bulk", json: #"{"shows":[\#(showBody(seats: 1)),\#(showBody(seats: 2)),\#(showBody(seats: 3))]}"#)
        #expect(reply.status == 201)
        let ids = try #require((reply.json as? [String: [String]])?["show_ids"])
        #expect(ids.count == 3)
        for (index, id) in ids.enumerated() {
            #expect(try await seats(env, show: id)["capacity"] == index + 1)
        }
    }
}
