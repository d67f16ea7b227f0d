import Adapters
import Dispatch
import Foundation
import Synchronization
import TestSupport
import Testing

/// `/health` and `/metrics` answer while the service's database connections are stuck in slow
/// queries: they never wait for the pool, and the blocking queries run off the event loop.
@Suite struct HealthUnderLoadComponentTests {
    @Test func healthAnswersWhileEveryPoolConnectionWaitsOnALock() async throws {
        let env = try await ComponentEnvironment.shared.value
        let locked = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        // Holds an exclusive lock on `shows` until released: every show insert waits on it.
        let holder = Task {
            try await env.postgres.transaction { connection in
                try connection.execute("LOCK TABLE shows IN ACCESS EXCLUSIVE MODE")
                locked.signal()
                release.wait()
            }
        }
        await Self.wait(for: locked)

        let finished = FinishedCount()
        let creations = Task {
            try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<8 {
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
        // Most of the service's connections are in the database, waiting for the lock.
        try await eventually("the service's inserts wait on the lock") {
            let waiting = try await env.postgres.query("""
                SELECT count(*)::int AS n FROM pg_stat_activity
                WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO shows%'
                """)
            return try waiting[0].decode(Int.self, column: "n") >= 6
        }

        let health = try await env.call(.get, "/health")
        let metrics = try await env.call(.get, "/metrics")
        #expect(health.status == 200)
        #expect(metrics.status == 200)
        #expect(finished.count.load(ordering: .relaxed) == 0)

        release.signal()
        try await holder.value
        #expect(try await creations.value == Array(repeating: 201, count: 8))
    }

    private static func wait(for semaphore: DispatchSemaphore) async {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                semaphore.wait()
                continuation.resume()
            }
        }
    }
}

/// How many of the blocked requests have answered.
private final class FinishedCount: Sendable {
    let count = Atomic<Int>(0)
}
