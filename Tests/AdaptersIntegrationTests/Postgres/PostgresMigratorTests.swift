import Adapters
import Foundation
import Testing

@Suite struct PostgresMigratorTests {
    private static let migrations = [
        PostgresMigration(version: 2, name: "seats", sql: """
            ALTER TABLE shows ADD COLUMN seats int NOT NULL DEFAULT 0;
            INSERT INTO applied_log VALUES (2);
            """),
        PostgresMigration(version: 1, name: "shows", sql: """
            CREATE TABLE shows (show_id uuid PRIMARY KEY, title text NOT NULL);
            CREATE TABLE applied_log (version int NOT NULL);
            INSERT INTO applied_log VALUES (1);
            """),
    ]

    @Test func appliesPendingMigrationsOnceInVersionOrder() async throws {
        try await PostgresTestDatabase.withSchema { client, _ in
            let migrator = try PostgresMigrator(client: client, migrations: Self.migrations, lockKey: .random(in: .min ... .max))
            #expect(try await migrator.pendingMigrations().map(\.version) == [1, 2])
            #expect(try await migrator.isUpToDate() == false)

            #expect(try await migrator.migrate().map(\.version) == [1, 2])
            #expect(try await migrator.migrate().isEmpty)
            #expect(try await migrator.isUpToDate())

            let recorded = try await client.query("SELECT version, name, applied_at FROM schema_migrations ORDER BY version")
            #expect(try recorded.map { try $0.decode(Int.self, column: "version") } == [1, 2])
            #expect(try recorded.map { try $0.decode(String.self, column: "name") } == ["shows", "seats"])
            #expect(try recorded.allSatisfy { try $0.decode(Date.self, column: "applied_at") <= Date() })
            #expect(try await Self.appliedLog(client) == [1, 2])
            try await client.execute("INSERT INTO shows (show_id, title, seats) VALUES ($1, $2, $3)", [UUID(), "Hamlet", 100])
        }
    }

    @Test func laterMigrationsAreAppliedOnTopOfEarlierOnes() async throws {
        try await PostgresTestDatabase.withSchema { client, _ in
            let lockKey = Int64.random(in: .min ... .max)
            let first = try PostgresMigrator(client: client, migrations: [Self.migrations[1]], lockKey: lockKey)
            #expect(try await first.migrate().map(\.version) == [1])
            let both = try PostgresMigrator(client: client, migrations: Self.migrations, lockKey: lockKey)
            #expect(try await both.pendingMigrations().map(\.version) == [2])
            #expect(try await both.migrate().map(\.version) == [2])
            #expect(try await Self.appliedLog(client) == [1, 2])
        }
    }

    @Test func racingMigratorsApplyEachMigrationExactlyOnce() async throws {
        try await PostgresTestDatabase.withSchema { client, configuration in
            let lockKey = Int64.random(in: .min ... .max)
            let applied = try await withThrowingTaskGroup(of: [Int].self) { group in
                for _ in 0..<3 {
                    group.addTask {
                        // Each migrator on a client (so a session) of its own, as separate instances would be.
                        try await PostgresTestDatabase.withClient(configuration) { instance in
                            try await PostgresMigrator(client: instance, migrations: Self.migrations, lockKey: lockKey)
                                .migrate().map(\.version)
                        }
                    }
                }
                return try await group.reduce(into: [Int]()) { $0 += $1 }
            }
            #expect(applied.sorted() == [1, 2])
            #expect(try await Self.appliedLog(client) == [1, 2])
        }
    }

    @Test func aFailingMigrationRollsBackAndReportsItsVersionAndSQLState() async throws {
        let broken = PostgresMigration(version: 3, name: "broken", sql: """
            CREATE TABLE half_done (id int);
            INSERT INTO applied_log VALUES (3);
            ALTER TABLE no_such_table ADD COLUMN x int;
            """)
        try await PostgresTestDatabase.withSchema { client, _ in
            let lockKey = Int64.random(in: .min ... .max)
            let migrator = try PostgresMigrator(client: client, migrations: Self.migrations + [broken], lockKey: lockKey)
            let error = await #expect(throws: PostgresMigrationError.self) { try await migrator.migrate() }
            #expect(error?.version == 3)
            #expect(error?.name == "broken")
            #expect(error?.sqlState == "42P01")
            #expect(error?.description.contains("migration 3 (broken)") == true)
            // The migrations before it stay; nothing of it remains, and it is still pending.
            #expect(try await Self.appliedLog(client) == [1, 2])
            #expect(try await client.query("SELECT to_regclass('half_done') IS NULL AS absent")[0].decode(Bool.self, column: "absent"))
            #expect(try await migrator.pendingMigrations().map(\.version) == [3])
            // The lock was released: another migrator is not blocked.
            let fixed = try PostgresMigrator(client: client, migrations: Self.migrations, lockKey: lockKey)
            #expect(try await fixed.migrate().isEmpty)
        }
    }

    @Test func duplicateVersionsAreRefused() async throws {
        try await PostgresTestDatabase.withClient(PostgresTestDatabase.configuration(poolSize: 1)) { client in
            let error = #expect(throws: PostgresError.self) {
                try PostgresMigrator(client: client, migrations: Self.migrations + [PostgresMigration(version: 1, name: "again", sql: "")])
            }
            #expect(error?.kind == .configuration)
            #expect(error?.message.contains("[1]") == true)
        }
    }

    private static func appliedLog(_ client: PostgresClient) async throws -> [Int] {
        try await client.query("SELECT version FROM applied_log ORDER BY version").map { try $0.decode(Int.self, column: "version") }
    }
}
