import ServiceLifecycle

/// Runs several services side by side as one, so that they stop together: a service group
/// stops its services one after another, and each consumer may take a read period to notice
/// the shutdown. Graceful shutdown reaches every child (it travels with the task).
struct ConcurrentServices: Service {
    let services: [any Service]

    func run() async throws {
        try await withThrowingDiscardingTaskGroup { group in
            for service in services {
                group.addTask { try await service.run() }
            }
        }
    }
}
