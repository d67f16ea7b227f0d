import Adapters
import Testing

/// The round trips a connection saves: statements prepared once, BEGIN sent with the first
/// statement, deferred statements sent with the next one or with COMMIT. What is saved must not
/// change what happens, above all when a statement fails.
@Suite struct PostgresRoundTripTests {
    @Test func aDeferredStatementTakesEffectBeforeTheTransactionsNextStatement() async throws {
        try await PostgresTestDatabase.withSchema { client, _ in
            try await client.execute("CREATE TABLE seats (id int4)")
            let seen = try await client.transaction { connection in
                try connection.executeDeferred("INSERT INTO seats VALUES ($1)", [1])
                return try connection.query("SELECT count(*) AS n FROM seats")[0].decode(Int.self, column: "n")
            }
            #expect(seen == 1)
            try await client.transaction { try $0.executeDeferred("INSERT INTO seats VALUES ($1)", [2]) }
            #expect(try await Self.count("seats", client) == 2)
        }
    }

    @Test func aDeferredStatementThatFailsFailsTheCommitAndNothingIsKept() async throws {
        try await PostgresTestDatabase.withSchema(poolSize: 1) { client, _ in
            try await client.execute("CREATE TABLE seats (id int4 PRIMARY KEY)")
            let error = await #expect(throws: PostgresError.self) {
                try await client.transaction { connection in
                    try connection.execute("INSERT INTO seats VALUES (1)")
                    try connection.executeDeferred("INSERT INTO seats VALUES ($1)", [1])
                }
            }
            #expect(error?.sqlState == "23505")
            #expect(error?.query == "INSERT INTO seats VALUES ($1)")
            #expect(try await Self.count("seats", client) == 0)
            // The one connection of the pool is usable and outside any transaction.
            try await client.transaction { try $0.execute("INSERT INTO seats VALUES (2)") }
            #expect(try await Self.count("seats", client) == 1)
        }
    }

    @Test func aFailedDeferredStatementIsThrownByTheNextStatementNotSkippedOver() async throws {
        try await PostgresTestDatabase.withSchema { client, _ in
            try await client.execute("CREATE TABLE seats (id int4 PRIMARY KEY)")
            let error = await #expect(throws: PostgresError.self) {
                try await client.transaction { connection in
                    try connection.executeDeferred("INSERT INTO seats VALUES ($1), ($1)", [7])
                    try connection.query("SELECT 1")
                }
            }
            #expect(error?.sqlState == "23505")
            #expect(try await Self.count("seats", client) == 0)
        }
    }

    @Test func aDeferredStatementOutsideATransactionRunsAtOnce() async throws {
        try await PostgresTestDatabase.withSchema { client, _ in
            try await client.execute("CREATE TABLE seats (id int4)")
            try await client.withConnection { try $0.executeDeferred("INSERT INTO seats VALUES ($1)", [1]) }
            #expect(try await Self.count("seats", client) == 1)
        }
    }

    @Test func aFailingFirstStatementIsReportedAsItselfAndRolledBack() async throws {
        try await PostgresTestDatabase.withSchema(poolSize: 1) { client, _ in
            let error = await #expect(throws: PostgresError.self) {
                try await client.transaction { try $0.execute("INSERT INTO no_such_table VALUES (1)") }
            }
            #expect(error?.sqlState == "42P01")
            #expect(error?.query == "INSERT INTO no_such_table VALUES (1)")
            // The pool's one connection is back outside any transaction (else 25001 or 25P02 here).
            try await client.transaction { try $0.execute("CREATE TABLE seats (id int4)") }
            #expect(try await Self.count("seats", client) == 0)
        }
    }

    @Test func aTransactionThatSendsNothingReturnsItsValue() async throws {
        try await PostgresTestDatabase.withSchema(poolSize: 1) { client, _ in
            #expect(try await client.transaction { _ in 42 } == 42)
            try await client.execute("CREATE TABLE seats (id int4)")
            try await client.transaction { try $0.execute("INSERT INTO seats VALUES (1)") }
            #expect(try await Self.count("seats", client) == 1)
        }
    }

    @Test func aStatementIsPreparedOncePerConnection() async throws {
        try await PostgresTestDatabase.withSchema(poolSize: 1) { client, _ in
            for value in 1...3 {
                #expect(try await client.query("SELECT $1::int4 + 1 AS next", [value])[0].decode(Int.self, column: "next") == value + 1)
            }
            let prepared = try await client.query(
                "SELECT count(*) AS n FROM pg_prepared_statements WHERE statement = $1", ["SELECT $1::int4 + 1 AS next"])
            let preparedCount = try prepared[0].decode(Int.self, column: "n")
            #expect(preparedCount == 1)
        }
    }

    @Test func aStatementThatCannotBePreparedFailsEachTimeAndOthersStillWork() async throws {
        try await PostgresTestDatabase.withSchema(poolSize: 1) { client, _ in
            for _ in 1...2 {
                let error = await #expect(throws: PostgresError.self) { try await client.query("SELEC 1") }
                #expect(error?.sqlState == "42601")
                #expect(error?.query == "SELEC 1")
            }
            let one = try await client.query("SELECT 1 AS one")[0].decode(Int.self, column: "one")
            #expect(one == 1)
        }
    }

    @Test func statementsTheServerForgotArePreparedAgain() async throws {
        try await PostgresTestDatabase.withSchema(poolSize: 1) { client, _ in
            try await client.query("SELECT $1::int4 AS value", [1])
            try await client.withConnection { try $0.executeScript("DEALLOCATE ALL") }
            // The server answers 26000 once; the connection then prepares its statements anew.
            let forgotten = await #expect(throws: PostgresError.self) { try await client.query("SELECT $1::int4 AS value", [2]) }
            #expect(forgotten?.sqlState == "26000")
            let value = try await client.query("SELECT $1::int4 AS value", [3])[0].decode(Int.self, column: "value")
            #expect(value == 3)
        }
    }

    private static func count(_ table: String, _ client: PostgresClient) async throws -> Int {
        try await client.query("SELECT count(*) AS n FROM \(table)")[0].decode(Int.self, column: "n")
    }
}
