import ServiceLifecycle

/// Closes the driver clients when the service stops. It is the first service of the group, so
/// it is shut down last, after everything that uses the clients has finished.
struct ClientShutdown: Service {
    let shutdowns: [@Sendable () async throws -> Void]

    func run() async throws {
        try? await gracefulShutdown()
        for shutdown in shutdowns { try await shutdown() }
    }
}
