import Adapters
import Foundation
import Synchronization
import TestSupport
import Testing

/// `/health` and `/metrics` answer while the service's database connections are stuck in slow
/// queries: they never wait for the pool, and the blocking queries run off the event loop.
@Suite struct HealthUnderLoadComponentTests {
    @Test func healthAnswersWhileEveryPoolConnectionWaitsOnALock() async throws {
        let env = try await ComponentEnvironment.shared.value
        // While `shows` is locked, every show insert waits on it.
        let creations = try await env.whileLocked(.shows) {
            let finished = FinishedCount()
            let creations = Task {
                try await withThrowingTaskGroup(of: Int.self) { group in
                    for _ in 0..<4 {
                        group.addTask {
                            let reply = try await env.call(.post, "/shows", json: """
                                {"dead_nation_id":"\(UUID().uuidString.lowercased())","number_of_tickets":1,"start_time":"2026-01-01T00:00:00Z","title":"t","venue":"v"}
                                """)
                            finished.count.add(1, ordering: .relaxed)
                            return reply.status
                        }
                    }
                    return try await group.reduce(into: [Int]()) { $0.append($1) }
                }
            }
            // All of the API's connections are in the database, waiting for the lock.
            try await eventually("the service's inserts wait on the lock") {
                let waiting = try await env.postgres.query("""
                    SELECT count(*)::int AS n FROM pg_stat_activity
                    WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO shows%'
                    """)
                return try waiting[0].decode(Int.self, column: "n") >= 4
            }

            let health = try await env.call(.get, "/health")
            let metrics = try await env.call(.get, "/metrics")
            #expect(health.status == 200)
            #expect(metrics.status == 200)
            #expect(finished.count.load(ordering: .relaxed) == 0)
            return creations
        }
        #expect(try await creations.value == Array(repeating: 201, count: 4))
    }
}

/// How many of the blocked requests have answered.
private final class FinishedCount: Sendable {
    let count = Atomic<Int>(0)
}
