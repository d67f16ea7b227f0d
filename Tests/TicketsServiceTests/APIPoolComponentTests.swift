import Foundation
import TestSupport
import Testing

/// The HTTP API has Postgres connections of its own: while the consumers hold every connection
/// of the main pool (a backlog, a slow table), requests still answer. With one shared pool they
/// waited behind the consumers until the acquire timeout and answered 500.
@Suite struct APIPoolComponentTests {
    @Test func bookingsAnswerWhileTheConsumersHoldEveryConnection() async throws {
        let env = try await ComponentEnvironment.shared.value
        let show = try await env.call(.post, "/shows", json: """
            {"dead_nation_id":"\(UUID().uuidString.lowercased())","number_of_tickets":100,"start_time":"2026-01-01T00:00:00Z","title":"t","venue":"v"}
            """)
        let showID = try #require((show.json as? [String: String])?["show_id"])
        // Every handler reads `processed_messages` first: while it is locked, each message holds
        // one of the main pool's connections waiting.
        try await env.whileLocked(.processedMessages) {
            for index in 0..<12 {
                let booking = try await env.call(.post, "/book-tickets", json: #"{"show_id":"\#(showID)","number_of_tickets":1,"customer_email":"pool\#(index)@example.com"}"#)
                #expect(booking.status == 201)
            }
            try await eventually("the consumers hold every connection of the main pool") {
                let waiting = try await env.postgres.query("""
                    SELECT count(*)::int AS n FROM pg_stat_activity
                    WHERE wait_event_type = 'Lock' AND query LIKE '%processed_messages%'
                    """)
                return try waiting[0].decode(Int.self, column: "n") >= 8
            }

            let booking = try await env.call(.post, "/book-tickets", json: #"{"show_id":"\#(showID)","number_of_tickets":1,"customer_email":"late@example.com"}"#)
            #expect(booking.status == 201)
            #expect(try await env.call(.get, "/tickets").status == 200)
        }
        try await env.waitUntilQuiet()
    }
}
