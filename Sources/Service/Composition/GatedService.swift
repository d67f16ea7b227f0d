import ServiceLifecycle

/// Runs `service` once `gate` opens; ends at once if shutdown comes first.
struct GatedService: Service {
    let gate: StartupGate
    let service: any Service

    func run() async throws {
        await cancelWhenGracefulShutdown { await gate.wait() }
        guard !Task.isShuttingDownGracefully, !Task.isCancelled else { return }
        try await service.run()
    }
}
