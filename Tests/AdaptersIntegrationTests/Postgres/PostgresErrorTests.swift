import Adapters
import Foundation
import Testing

@Suite struct PostgresErrorTests {
    @Test func badSQLReportsSyntaxErrorWithTheQuery() async throws {
        try await PostgresTestDatabase.withClient(PostgresTestDatabase.configuration()) { client in
            let sql = "SELEC 1 FROM nowhere WHERE secret = $1"
            let error = await #expect(throws: PostgresError.self) { try await client.query(sql, ["do-not-log-me"]) }
            #expect(error?.kind == .query)
            #expect(error?.sqlState == "42601")
            #expect(error?.query == sql)
            #expect(error?.description.contains("42601") == true)
            #expect(error?.description.contains(sql) == true)
            #expect(error?.description.contains("do-not-log-me") == false)
            // The connection stays usable after a statement error.
            try await client.ping()
        }
    }

    @Test func uniqueViolationNamesTheConstraintWithoutLoggingTheValue() async throws {
        try await PostgresTestDatabase.withSchema { client, _ in
            try await client.execute("CREATE TABLE customers (email text CONSTRAINT customers_email_key UNIQUE)")
            try await client.execute("INSERT INTO customers VALUES ($1)", ["ada@example.com"])
            let error = await #expect(throws: PostgresError.self) {
                try await client.execute("INSERT INTO customers VALUES ($1)", ["ada@example.com"])
            }
            #expect(error?.sqlState == "23505")
            #expect(error?.isUniqueViolation == true)
            #expect(error?.isSerializationFailure == false)
            #expect(error?.constraint == "customers_email_key")
            #expect(error?.table == "customers")
            #expect(error?.detail?.contains("ada@example.com") == true)
            #expect(error?.description.contains("customers_email_key") == true)
            #expect(error?.description.contains("ada@example.com") == false)
        }
    }

    @Test func copyIsRefusedAndItsConnectionDiscarded() async throws {
        try await PostgresTestDatabase.withClient(PostgresTestDatabase.configuration(poolSize: 1)) { client in
            let before = try await PostgresTestDatabase.backendProcessID(of: client)
            let error = await #expect(throws: PostgresError.self) { try await client.query("COPY (SELECT 1) TO STDOUT") }
            #expect(error?.kind == .query)
            #expect(error?.message.contains("COPY") == true)
            // The connection left in COPY mode was closed; a fresh one serves the next call.
            #expect(try await PostgresTestDatabase.backendProcessID(of: client) != before)
        }
    }

    @Test func serializationFailureCoversDeadlocksToo() {
        for (sqlState, retryable) in [("40001", true), ("40P01", true), ("23505", false), (nil, false)] {
            let error = PostgresError(kind: .query, message: "conflict", sqlState: sqlState)
            #expect(error.isSerializationFailure == retryable)
        }
    }

    @Test func longQueriesAreAbbreviatedInTheDescription() {
        let query = "SELECT " + String(repeating: "1, ", count: 1000) + "1"
        let error = PostgresError(kind: .query, message: "failed", query: query)
        #expect(error.description.count < 600)
        #expect(error.query == query)
    }

    @Test func invalidConfigurationIsRefusedUpFront() {
        let badURL = #expect(throws: PostgresError.self) {
            try PostgresClient.Configuration(url: "postgresql://user@host:5432/db?no_such_option=1")
        }
        #expect(badURL?.kind == .configuration)
        #expect(badURL?.message.contains("no_such_option") == true)
        #expect(throws: PostgresError.self) { try PostgresClient.Configuration(url: "not a url") }
        #expect(throws: PostgresError.self) { try PostgresClient.Configuration(url: "") }
        let badSize = #expect(throws: PostgresError.self) {
            try PostgresClient.Configuration(url: "postgresql://localhost/db", poolSize: 0)
        }
        #expect(badSize?.kind == .configuration)
        #expect(throws: PostgresError.self) {
            try PostgresClient.Configuration(url: "postgresql://localhost/db", acquireTimeout: .zero)
        }
    }

    @Test func unreachableServerIsAConnectionErrorAndFreesTheSlot() async throws {
        let port = try PostgresClosedPort.find()
        let configuration = try PostgresTestDatabase.configuration(
            url: "postgresql://postgres@127.0.0.1:\(port)/tickets_test", poolSize: 1, acquireTimeout: .seconds(5))
        try await PostgresTestDatabase.withClient(configuration) { client in
            for _ in 0..<2 {
                // The second failure is again about connecting, not a pool timeout: the slot came back.
                let error = await #expect(throws: PostgresError.self) { try await client.ping() }
                #expect(error?.kind == .connection)
                #expect(error?.isConnectionFailure == true)
                #expect(error?.message.contains("\(port)") == true)
            }
        }
    }

    /// What clients are told to retry (503) and what is the service's own fault (500).
    @Test(arguments: [
        (PostgresError(kind: .poolTimeout, message: "no connection"), true),
        (PostgresError(kind: .connection, message: "server closed the connection"), true),
        (PostgresError(kind: .query, message: "terminating connection", sqlState: "57P01"), true),
        (PostgresError(kind: .query, message: "the database system is starting up", sqlState: "57P03"), true),
        (PostgresError(kind: .query, message: "connection failure", sqlState: "08006"), true),
        (PostgresError(kind: .query, message: "syntax error", sqlState: "42601"), false),
        (PostgresError(kind: .query, message: "duplicate key", sqlState: "23505"), false),
        (PostgresError(kind: .poolClosed, message: "pool shut down"), false),
        (PostgresError(kind: .decoding, message: "not an int"), false),
    ])
    func temporaryUnavailabilityIsAPassingOutageOnly(error: PostgresError, temporary: Bool) {
        #expect(error.isTemporaryUnavailability == temporary)
    }

    @Test func aStatementCutByAnAdministratorIsATemporaryUnavailability() async throws {
        try await PostgresTestDatabase.withClient(PostgresTestDatabase.configuration(poolSize: 1)) { client in
            let error = await #expect(throws: PostgresError.self) {
                try await client.query("SELECT pg_terminate_backend(pg_backend_pid())")
            }
            #expect(error?.isTemporaryUnavailability == true)
        }
    }
}
