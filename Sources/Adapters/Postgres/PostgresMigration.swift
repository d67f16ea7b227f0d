/// One step of the schema: applied once, in version order, in a transaction of its own.
///
/// `sql` may hold several statements. It runs inside that transaction, so it must not contain
/// transaction control (BEGIN/COMMIT) nor statements that refuse a transaction
/// (`CREATE INDEX CONCURRENTLY`).
public struct PostgresMigration: Sendable, Hashable {
    public let version: Int
    public let name: String
    public let sql: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }
}

/// A migration failed and was rolled back; the migrations before it stay applied.
public struct PostgresMigrationError: Error, Sendable, CustomStringConvertible {
    public let version: Int
    public let name: String
    public let underlying: PostgresError

    public var sqlState: String? { underlying.sqlState }

    public var description: String {
        "migration \(version) (\(name)) failed and was rolled back: \(underlying)"
    }
}
