/// Brings the schema up to date from a list of migrations, recording each applied version in
/// `schema_migrations` (in the schema the connection's search_path selects).
///
/// Several instances may start at once: the migrator holds a session advisory lock on one
/// connection while it works, so each migration is applied exactly once.
public struct PostgresMigrator: Sendable {
    /// The `pg_advisory_lock` key every migrator of this schema shares unless told otherwise.
    public static let defaultLockKey: Int64 = 0x7469_636B_6574_73  // "tickets"

    private let client: PostgresClient
    private let migrations: [PostgresMigration]
    private let lockKey: Int64

    private static let createTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version int PRIMARY KEY,
            name text NOT NULL,
            applied_at timestamptz NOT NULL
        )
        """

    /// Throws `.configuration` when two migrations share a version.
    public init(client: PostgresClient, migrations: [PostgresMigration], lockKey: Int64 = defaultLockKey) throws {
        let duplicates = Dictionary(grouping: migrations, by: \.version).filter { $0.value.count > 1 }.keys.sorted()
        guard duplicates.isEmpty else {
            throw PostgresError(kind: .configuration, message: "migration versions used twice: \(duplicates)")
        }
        self.client = client
        self.migrations = migrations.sorted { $0.version < $1.version }
        self.lockKey = lockKey
    }

    /// Applies the migrations not yet recorded, in version order, each with its record in one
    /// transaction, and returns them. A failure stops there with `PostgresMigrationError`.
    @discardableResult
    public func migrate() async throws -> [PostgresMigration] {
        try await client.withConnection { [migrations, lockKey] connection in
            try connection.query("SELECT pg_advisory_lock($1)", [lockKey])
            defer { Self.unlock(lockKey, on: connection) }
            try connection.execute(Self.createTable)
            let pending = try Self.pending(migrations, applied: Self.appliedVersions(on: connection))
            for migration in pending {
                do {
                    try connection.transaction { connection in
                        try connection.executeScript(migration.sql)
                        try connection.execute(
                            "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, now())",
                            [migration.version, migration.name])
                    }
                } catch let error as PostgresError {
                    throw PostgresMigrationError(version: migration.version, name: migration.name, underlying: error)
                }
            }
            return pending
        }
    }

    /// The migrations not yet applied, in version order (all of them before the first run).
    public func pendingMigrations() async throws -> [PostgresMigration] {
        try await client.withConnection { [migrations] connection in
            try Self.pending(migrations, applied: Self.appliedVersions(on: connection))
        }
    }

    /// For /health: every migration has been applied.
    public func isUpToDate() async throws -> Bool {
        try await pendingMigrations().isEmpty
    }

    private static func pending(_ migrations: [PostgresMigration], applied: Set<Int>) -> [PostgresMigration] {
        migrations.filter { !applied.contains($0.version) }
    }

    private static func appliedVersions(on connection: PostgresConnection) throws -> Set<Int> {
        let exists = try connection.query("SELECT to_regclass('schema_migrations') IS NOT NULL AS present")
        guard try exists[0].decode(Bool.self, column: "present") else { return [] }
        let rows = try connection.query("SELECT version FROM schema_migrations")
        return Set(try rows.map { try $0.decode(Int.self, column: "version") })
    }

    /// A broken connection has lost the lock with its session already; when unlocking fails on
    /// a live one, the connection is discarded so that the lock ends with its session.
    private static func unlock(_ key: Int64, on connection: PostgresConnection) {
        guard !connection.isBroken else { return }
        do {
            try connection.query("SELECT pg_advisory_unlock($1)", [key])
        } catch {
            connection.logger.warning("releasing the migration lock failed", metadata: ["postgres.error": "\(error)"])
            connection.discardAfterUse()
        }
    }
}
