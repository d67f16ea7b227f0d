/// The dependencies whose state `/health` and `/health/details` report.
public enum Dependency: String, Sendable, CaseIterable, Codable {
    case postgres
    case redis
    case gateway
}

/// Where the parts of the service report how their dependencies are doing. The HTTP layer
/// reads it for `/health`; drivers, the migrator and the consumers write to it.
public protocol HealthRecording: Sendable {
    /// A call to `dependency` succeeded.
    func recordUp(_ dependency: Dependency)
    /// A call to `dependency` failed; `error` is kept as its last error.
    func recordDown(_ dependency: Dependency, error: String)
    /// The schema reached the version the code expects.
    func recordSchemaMigrated()
    /// Every consumer of the service has subscribed to its stream at least once since start.
    func recordConsumersSubscribed()
}
