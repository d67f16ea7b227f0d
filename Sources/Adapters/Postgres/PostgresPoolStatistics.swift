/// A snapshot of the pool's load.
public struct PostgresPoolStatistics: Sendable, Hashable {
    public let poolSize: Int
    /// Connections lent out right now.
    public let inUse: Int
    /// Callers waiting for a connection to come back.
    public let waiting: Int
}
