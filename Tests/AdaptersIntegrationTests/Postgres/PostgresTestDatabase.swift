import Adapters
import Foundation
import Synchronization
import Testing
import TestSupport

/// Clients on the shared test database, each test in a schema of its own (made first, dropped
/// after), so that tests running in parallel never see each other's tables.
enum PostgresTestDatabase {
    static func configuration(
        url: String = TestEnvironment.postgresURL, searchPath: String? = nil, poolSize: Int = 3,
        acquireTimeout: Duration = .seconds(10), applicationName: String = TestEnvironment.uniqueName("pg-test"),
        transactionRetry: PostgresRetryPolicy = PostgresRetryPolicy(), statementTimeout: Duration? = .seconds(60)
    ) throws -> PostgresClient.Configuration {
        var url = url
        if let searchPath {
            url += (url.contains("?") ? "&" : "?") + "options=-csearch_path%3D\(searchPath)"
        }
        return try PostgresClient.Configuration(
            url: url, poolSize: poolSize, acquireTimeout: acquireTimeout, connectTimeout: .seconds(5),
            applicationName: applicationName, transactionRetry: transactionRetry, statementTimeout: statementTimeout)
    }

    /// A client for `body`, shut down afterwards whatever happens.
    @discardableResult
    static func withClient<Value>(
        _ configuration: PostgresClient.Configuration, _ body: (PostgresClient) async throws -> Value
    ) async throws -> Value {
        let client = PostgresClient(configuration: configuration)
        do {
            let value = try await body(client)
            try await client.shutdown()
            return value
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    /// A fresh schema, the search_path of every connection `body`'s clients make from the
    /// configuration it gets; dropped with everything in it afterwards.
    static func withSchema<Value>(
        poolSize: Int = 3, transactionRetry: PostgresRetryPolicy = PostgresRetryPolicy(),
        _ body: (_ client: PostgresClient, _ configuration: PostgresClient.Configuration) async throws -> Value
    ) async throws -> Value {
        let schema = TestEnvironment.uniqueName("test_pg").replacingOccurrences(of: "-", with: "_")
        let admin = try configuration(poolSize: 1)
        try await withClient(admin) { try await $0.execute("CREATE SCHEMA \(schema)") }
        do {
            let scoped = try configuration(searchPath: schema, poolSize: poolSize, transactionRetry: transactionRetry)
            let value = try await withClient(scoped) { try await body($0, scoped) }
            try await withClient(admin) { try await $0.execute("DROP SCHEMA \(schema) CASCADE") }
            return value
        } catch {
            _ = try? await withClient(admin) { try await $0.execute("DROP SCHEMA \(schema) CASCADE") }
            throw error
        }
    }

    /// The server process behind the connection the pool lends next.
    static func backendProcessID(of client: PostgresClient) async throws -> Int32 {
        try await client.query("SELECT pg_backend_pid() AS pid")[0].decode(Int32.self, column: "pid")
    }

    /// Terminates the sessions of `applicationName` and returns once the server has let them go.
    static func terminateSessions(of applicationName: String) async throws {
        try await withClient(configuration(poolSize: 1)) { admin in
            let terminated = try await admin.query(
                "SELECT pid, pg_terminate_backend(pid) AS done FROM pg_stat_activity WHERE application_name = $1",
                [applicationName]
            ).map { try $0.decode(Int32.self, column: "pid") }
            #expect(!terminated.isEmpty, "no session of \(applicationName) to terminate")
            // Wait for these sessions to end; the owner may already have opened new ones.
            try await waitUntil {
                try await admin.query(
                    "SELECT 1 FROM pg_stat_activity WHERE pid = ANY($1::int[])", ["{" + terminated.map(String.init).joined(separator: ",") + "}"]
                ).isEmpty
            }
        }
    }

    /// Polls `condition` until it holds; fails the test after 10 s (a bound, not a measurement).
    static func waitUntil(_ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while try await !condition() {
            guard ContinuousClock.now < deadline else { throw PostgresTestTimeout() }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}

struct PostgresTestTimeout: Error {}

/// Two threads meeting: each arrives and waits (bounded) for the other. Used inside blocking
/// transaction bodies to make two transactions overlap for sure.
final class PostgresTestRendezvous: Sendable {
    private let arrived = [DispatchSemaphore(value: 0), DispatchSemaphore(value: 0)]

    func arriveAndWait(party: Int) {
        arrived[party].signal()
        _ = arrived[1 - party].wait(timeout: .now() + 10)
    }
}

/// State shared between a test and the blocking bodies it hands to the pool.
final class PostgresTestLocked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    init(_ value: Value) {
        mutex = Mutex(value)
    }

    func withLock<Result: Sendable>(_ body: (inout Value) -> Result) -> Result {
        mutex.withLock { body(&$0) }
    }

    var value: Value { withLock { $0 } }
}
