import ServiceLifecycle

/// In a `ServiceGroup` the pool lives until graceful shutdown begins, then closes its
/// connections (after the services that use it, when it is listed before them).
extension PostgresClient: Service {
    public func run() async throws {
        try? await gracefulShutdown()
        try await shutdown()
    }
}
