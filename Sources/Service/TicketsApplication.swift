import HTTP
import Hummingbird
import Logging

/// The one composition root: builds the whole service from its configuration. `tickets serve`
/// and the component tests both start the service through it.
enum TicketsApplication {
    static func build(configuration: ServiceConfiguration, logger: Logger = Logger(label: "tickets")) async throws -> some ApplicationProtocol {
        _ = PrometheusExport.registry
        let health = HealthMonitor()

        let router = Router()
        router.middlewares.add(CorrelationIDMiddleware())
        router.middlewares.add(HTTPMetricsMiddleware())
        router.middlewares.add(ErrorMappingMiddleware())
        HealthRoutes(monitor: health, messagingFigures: { nil }).register(on: router)
        router.get("/metrics") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: PrometheusExport.exposition()))
            )
        }

        return Application(
            router: router,
            configuration: .init(
                address: .hostname(configuration.httpAddress.host, port: configuration.httpAddress.port),
                serverName: "tickets"
            ),
            logger: logger
        )
    }
}
