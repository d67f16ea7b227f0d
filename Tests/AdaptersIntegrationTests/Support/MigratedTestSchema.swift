import Adapters
import Foundation

/// A schema of the test's own on the shared database with the product's migrations applied
/// (the connections' search_path selects it), dropped with everything in it afterwards.
enum MigratedTestSchema {
    /// Runs `body` with a client on the migrated schema and the configuration that reaches it
    /// (for further clients or listeners of the same test).
    static func run<Value>(
        poolSize: Int = 4,
        _ body: (_ client: PostgresClient, _ configuration: PostgresClient.Configuration) async throws -> Value
    ) async throws -> Value {
        try await PostgresTestDatabase.withSchema(poolSize: poolSize) { client, configuration in
            // A lock key of its own: schemas migrated in parallel do not wait for each other.
            try await PostgresMigrator(
                client: client, migrations: TicketsSchema.migrations, lockKey: .random(in: 1...Int64.max)
            ).migrate()
            return try await body(client, configuration)
        }
    }
}
