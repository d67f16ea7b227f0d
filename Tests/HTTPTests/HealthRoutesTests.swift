import Entities
import Foundation
import HTTP
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct HealthRoutesTests {
    private func makeApplication(monitor: HealthMonitor, figures: MessagingHealthFigures? = nil) -> some ApplicationProtocol {
        let router = Router()
        router.middlewares.add(ErrorMappingMiddleware())
        HealthRoutes(monitor: monitor, messagingFigures: { figures }).register(on: router)
        return Application(router: router)
    }

    @Test func notReadyNamesEverythingThatIsDown() async throws {
        let monitor = HealthMonitor()
        monitor.recordDown(.postgres, error: "connection refused")
        try await makeApplication(monitor: monitor).test(.router) { client in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                let down = try #require(body?["down"] as? [String])
                #expect(down == ["postgres: connection refused", "schema: not migrated yet", "consumers: not subscribed yet"])
                #expect((body?["error"] as? String)?.contains("postgres: connection refused") == true)
            }
        }
    }

    @Test func readyOnceReachableMigratedAndSubscribedEvenWhenRedisFailsLater() async throws {
        let monitor = HealthMonitor()
        monitor.recordUp(.postgres)
        monitor.recordSchemaMigrated()
        monitor.recordConsumersSubscribed()
        monitor.recordDown(.redis, error: "connection reset")
        try await makeApplication(monitor: monitor).test(.router) { client in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "ok")
            }
        }
    }

    @Test func detailsListEachDependencyWithItsLastErrorAndTheMessagingFigures() async throws {
        let monitor = HealthMonitor()
        monitor.recordUp(.postgres)
        monitor.recordDown(.redis, error: "connection refused")
        try await makeApplication(monitor: monitor, figures: MessagingHealthFigures(outboxBacklog: 3, deadLetters: 1)).test(.router) { client in
            try await client.execute(uri: "/health/details", method: .get) { response in
                #expect(response.status == .ok)
                let body = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                let dependencies = try #require(body["dependencies"] as? [String: [String: Any]])
                #expect(dependencies["postgres"]?["up"] as? Bool == true)
                #expect(dependencies["redis"]?["up"] as? Bool == false)
                #expect(dependencies["redis"]?["last_error"] as? String == "connection refused")
                #expect(dependencies["gateway"]?["up"] as? Bool == false)
                let messaging = try #require(body["messaging"] as? [String: Any])
                #expect(messaging["outbox_backlog"] as? Int == 3)
                #expect(messaging["dead_letters"] as? Int == 1)
            }
        }
    }

    @Test func aRecoveredDependencyIsUpAgain() {
        let monitor = HealthMonitor()
        monitor.recordDown(.postgres, error: "timeout")
        monitor.recordUp(.postgres)
        #expect(monitor.dependencies[.postgres]?.up == true)
    }
}
