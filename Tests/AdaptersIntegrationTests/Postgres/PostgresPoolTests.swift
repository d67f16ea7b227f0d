import Adapters
import Foundation
import Testing

@Suite struct PostgresPoolTests {
    @Test func connectionsOpenLazilyAndNeverExceedThePoolSize() async throws {
        let configuration = try PostgresTestDatabase.configuration(poolSize: 2)
        try await PostgresTestDatabase.withClient(configuration) { client in
            let observer = try PostgresTestDatabase.configuration(poolSize: 1)
            try await PostgresTestDatabase.withClient(observer) { observer in
                #expect(try await Self.sessionCount(of: configuration.applicationName, observer) == 0)
                let processIDs = try await withThrowingTaskGroup(of: Int32.self) { group in
                    for _ in 0..<12 {
                        group.addTask { try await PostgresTestDatabase.backendProcessID(of: client) }
                    }
                    return try await group.reduce(into: Set<Int32>()) { $0.insert($1) }
                }
                #expect((1...2).contains(processIDs.count))
                #expect(try await Self.sessionCount(of: configuration.applicationName, observer) == processIDs.count)
            }
        }
    }

    @Test func aConnectionKilledMidStatementFailsThatCallAndIsReplaced() async throws {
        try await PostgresTestDatabase.withClient(PostgresTestDatabase.configuration(poolSize: 1)) { client in
            let before = try await PostgresTestDatabase.backendProcessID(of: client)
            let error = await #expect(throws: PostgresError.self) {
                try await client.query("SELECT pg_terminate_backend(pg_backend_pid())")
            }
            #expect(error?.kind == .connection)
            #expect(error?.sqlState == "57P01", "\(String(describing: error))")
            let after = try await PostgresTestDatabase.backendProcessID(of: client)
            #expect(after != before)
        }
    }

    @Test func aConnectionKilledWhileIdleIsReplacedBeforeTheNextCall() async throws {
        let configuration = try PostgresTestDatabase.configuration(poolSize: 1)
        try await PostgresTestDatabase.withClient(configuration) { client in
            let before = try await PostgresTestDatabase.backendProcessID(of: client)
            try await PostgresTestDatabase.terminateSessions(of: configuration.applicationName)
            let after = try await PostgresTestDatabase.backendProcessID(of: client)
            #expect(after != before)
        }
    }

    @Test func waitingForAnExhaustedPoolEndsWithAPoolTimeout() async throws {
        let configuration = try PostgresTestDatabase.configuration(poolSize: 1, acquireTimeout: .milliseconds(200))
        try await PostgresTestDatabase.withClient(configuration) { client in
            let holding = PostgresTestLocked(false)
            async let holder: Void = client.withConnection { connection in
                holding.withLock { $0 = true }
                try connection.query("SELECT pg_sleep(2)")
            }
            try await PostgresTestDatabase.waitUntil { holding.value }
            let error = await #expect(throws: PostgresError.self) { try await client.ping() }
            #expect(error?.kind == .poolTimeout)
            // The HTTP API answers this one with 503 and Retry-After.
            #expect(error?.isTemporaryUnavailability == true)
            #expect(error?.message.contains("pool size 1") == true)
            #expect(error?.message.contains("0.2 seconds") == true)
            try await holder
            // Once the holder is done the connection is free again.
            try await client.ping()
        }
    }

    @Test func aStatementRunningPastTheStatementTimeoutIsCancelledAndTheConnectionReused() async throws {
        let configuration = try PostgresTestDatabase.configuration(poolSize: 1, statementTimeout: .milliseconds(200))
        try await PostgresTestDatabase.withClient(configuration) { client in
            let error = await #expect(throws: PostgresError.self) { try await client.execute("SELECT pg_sleep(30)") }
            #expect(error?.sqlState == "57014")
            try await client.ping()
        }
    }

    @Test func aZeroStatementTimeoutIsRefused() {
        #expect(throws: PostgresError.self) {
            try PostgresClient.Configuration(url: "postgresql://localhost/db", statementTimeout: .zero)
        }
    }

    @Test func aSlowQueryDoesNotHoldUpOthers() async throws {
        try await PostgresTestDatabase.withClient(PostgresTestDatabase.configuration(poolSize: 3)) { client in
            let marker = UUID().uuidString
            let slowFinished = PostgresTestLocked(false)
            // Slow until the test cancels it, however loaded the machine is.
            let slow = Task {
                defer { slowFinished.withLock { $0 = true } }
                try await client.query("SELECT pg_sleep(60) /* \(marker) */")
            }
            let slowQuery = ["%pg_sleep(60) /* \(marker) */%"]
            try await PostgresTestDatabase.waitUntil {
                try await !client.query(
                    "SELECT 1 FROM pg_stat_activity WHERE state = 'active' AND query LIKE $1 AND pid <> pg_backend_pid()", slowQuery
                ).isEmpty
            }
            for value in 0..<5 {
                let echoed = try await client.query("SELECT $1::int8 AS value", [value])[0].decode(Int.self, column: "value")
                #expect(echoed == value)
            }
            #expect(slowFinished.value == false)
            try await client.query(
                "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE query LIKE $1 AND pid <> pg_backend_pid()", slowQuery
            )
            await #expect(throws: PostgresError.self) { try await slow.value }
            #expect(slowFinished.value == true)
        }
    }

    @Test func shutdownFailsWaitersAndLaterCalls() async throws {
        let client = PostgresClient(configuration: try PostgresTestDatabase.configuration(poolSize: 1))
        let holding = PostgresTestLocked(false)
        async let holder: Void = client.withConnection { connection in
            holding.withLock { $0 = true }
            try connection.query("SELECT pg_sleep(0.5)")
        }
        try await PostgresTestDatabase.waitUntil { holding.value }
        let waiter = Task { try await client.ping() }
        try await PostgresTestDatabase.waitUntil { client.statistics.waiting == 1 }
        try await client.shutdown()
        // The call in flight finished; the one waiting for it and any later one were refused.
        try await holder
        let waiting = await #expect(throws: PostgresError.self) { try await waiter.value }
        #expect(waiting?.kind == .poolClosed)
        let later = await #expect(throws: PostgresError.self) { try await client.ping() }
        #expect(later?.kind == .poolClosed)
        try await client.shutdown()
    }

    @Test func aCancelledWaiterStopsWaiting() async throws {
        let configuration = try PostgresTestDatabase.configuration(poolSize: 1, acquireTimeout: .seconds(30))
        try await PostgresTestDatabase.withClient(configuration) { client in
            let holding = PostgresTestLocked(false)
            async let holder: Void = client.withConnection { connection in
                holding.withLock { $0 = true }
                try connection.query("SELECT pg_sleep(1)")
            }
            try await PostgresTestDatabase.waitUntil { holding.value }
            let waiter = Task { try await client.ping() }
            waiter.cancel()
            await #expect(throws: CancellationError.self) { try await waiter.value }
            try await holder
            try await client.ping()
        }
    }

    private static func sessionCount(of applicationName: String, _ observer: PostgresClient) async throws -> Int {
        try await observer.query("SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1", [applicationName])[0]
            .decode(Int.self, column: "n")
    }
}
