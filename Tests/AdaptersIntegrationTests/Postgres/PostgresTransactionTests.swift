import Adapters
import Foundation
import Testing

@Suite struct PostgresTransactionTests {
    private struct Abandon: Error {}

    @Test func committedWorkIsVisibleAndReturned() async throws {
        try await PostgresTestDatabase.withSchema { client, _ in
            try await client.execute("CREATE TABLE seats (id int4)")
            let inserted = try await client.transaction { connection in
                try connection.execute("INSERT INTO seats VALUES (1), (2)")
            }
            #expect(inserted == 2)
            #expect(try await Self.count("seats", client) == 2)
        }
    }

    @Test func aThrownSwiftErrorRollsBackEverything() async throws {
        try await PostgresTestDatabase.withSchema { client, _ in
            try await client.execute("CREATE TABLE seats (id int4)")
            await #expect(throws: Abandon.self) {
                try await client.transaction { connection in
                    try connection.execute("INSERT INTO seats VALUES (1), (2)")
                    throw Abandon()
                }
            }
            #expect(try await Self.count("seats", client) == 0)
            // The connection came back outside any transaction.
            try await client.transaction { try $0.execute("INSERT INTO seats VALUES (3)") }
            #expect(try await Self.count("seats", client) == 1)
        }
    }

    @Test func aFailedStatementCaughtInsideStillRollsBack() async throws {
        try await PostgresTestDatabase.withSchema { client, _ in
            try await client.execute("CREATE TABLE seats (id int4 PRIMARY KEY)")
            let error = await #expect(throws: PostgresError.self) {
                try await client.transaction { connection in
                    try connection.execute("INSERT INTO seats VALUES (1)")
                    _ = try? connection.execute("INSERT INTO seats VALUES (1)")
                }
            }
            #expect(error?.sqlState == "25P02")
            #expect(try await Self.count("seats", client) == 0)
        }
    }

    @Test func endingTheTransactionInsideItsBodyIsRefused() async throws {
        try await PostgresTestDatabase.withSchema { client, _ in
            try await client.execute("CREATE TABLE seats (id int4)")
            let ended = await #expect(throws: PostgresError.self) {
                try await client.transaction { connection in
                    try connection.execute("INSERT INTO seats VALUES (1)")
                    try connection.execute("ROLLBACK")
                }
            }
            #expect(ended?.sqlState == "25000")
            let nested = await #expect(throws: PostgresError.self) {
                try await client.transaction { connection in
                    try connection.transaction { _ in }
                }
            }
            #expect(nested?.sqlState == "25001")
            #expect(try await Self.count("seats", client) == 0)
        }
    }

    @Test func competingSerializableTransactionsAreRetriedUntilBothApply() async throws {
        try await PostgresTestDatabase.withSchema(poolSize: 2) { client, _ in
            try await client.execute("CREATE TABLE claims (party int4, seen int8)")
            let attempts = PostgresTestLocked([0, 0])
            let rendezvous = PostgresTestRendezvous()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for party in 0..<2 {
                    group.addTask {
                        try await client.transaction(isolation: .serializable) { connection in
                            let attempt = attempts.withLock { attempts in
                                attempts[party] += 1
                                return attempts[party]
                            }
                            let seen = try connection.query("SELECT count(*) AS n FROM claims")[0].decode(Int.self, column: "n")
                            // Both first runs read before either writes: a write skew only one can commit.
                            if attempt == 1 { rendezvous.arriveAndWait(party: party) }
                            try connection.execute("INSERT INTO claims VALUES ($1, $2)", [Int32(party), seen])
                        }
                    }
                }
                try await group.waitForAll()
            }
            let runs = attempts.value
            #expect(runs.reduce(0, +) >= 3)
            #expect(runs.contains { $0 >= 2 })
            let claims = try await client.query("SELECT party, seen FROM claims ORDER BY seen")
            // As if run one after the other: the second saw the first.
            #expect(try claims.map { try $0.decode(Int.self, column: "seen") } == [0, 1])
            #expect(try Set(claims.map { try $0.decode(Int32.self, column: "party") }) == [0, 1])
        }
    }

    @Test func serializationFailureSurfacesWhenAttemptsRunOut() async throws {
        let noRetry = PostgresRetryPolicy(maxAttempts: 1)
        try await PostgresTestDatabase.withSchema(poolSize: 2, transactionRetry: noRetry) { client, _ in
            try await client.execute("CREATE TABLE claims (party int4, seen int8)")
            let rendezvous = PostgresTestRendezvous()
            let outcomes = await withTaskGroup(of: (any Error)?.self) { group in
                for party in 0..<2 {
                    group.addTask {
                        do {
                            try await client.transaction(isolation: .serializable) { connection in
                                let seen = try connection.query("SELECT count(*) AS n FROM claims")[0].decode(Int.self, column: "n")
                                rendezvous.arriveAndWait(party: party)
                                try connection.execute("INSERT INTO claims VALUES ($1, $2)", [Int32(party), seen])
                            }
                            return nil
                        } catch {
                            return error
                        }
                    }
                }
                return await group.reduce(into: [(any Error)?]()) { $0.append($1) }
            }
            let failures = outcomes.compactMap { $0 as? PostgresError }
            #expect(failures.count == 1)
            #expect(failures.first?.sqlState == "40001")
            #expect(try await Self.count("claims", client) == 1)
        }
    }

    private static func count(_ table: String, _ client: PostgresClient) async throws -> Int {
        try await client.query("SELECT count(*) AS n FROM \(table)")[0].decode(Int.self, column: "n")
    }
}
