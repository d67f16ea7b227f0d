import ServiceLifecycle
import ServiceLifecycleTestKit

/// Runs `services` while `body` runs, then shuts them down gracefully and waits until each has
/// returned. `body` may trigger the shutdown itself.
func whileRunning(_ services: [any Service], _ body: (GracefulShutdownTestTrigger) async throws -> Void) async throws {
    try await testGracefulShutdown { trigger in
        try await withThrowingTaskGroup(of: Void.self) { group in
            for service in services {
                group.addTask { try await service.run() }
            }
            try await body(trigger)
            trigger.triggerGracefulShutdown()
            try await group.waitForAll()
        }
    }
}
