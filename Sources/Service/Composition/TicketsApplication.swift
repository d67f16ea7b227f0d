import Adapters
import Entities
import HTTP
import Hummingbird
import Logging
import Message
import ServiceLifecycle

/// The one composition root: builds the whole service from its configuration. `tickets serve`
/// and the component tests both start the service through it.
///
/// Services start in this order and stop in reverse: the span exporter when tracing is on (last
/// to stop, so every span is flushed), client shutdown, database startup (connect, migrate, then
/// keep probing), the outbox forwarder, the hold expiry sweeper and the consumers (all waiting for
/// the schema), and the HTTP server (first to stop, so no new request arrives while the rest
/// drains).
enum TicketsApplication {
    /// - Parameter tracing: the span exporter's service (`TracingSetup.bootstrap`), if any.
    static func build(
        configuration: ServiceConfiguration, logger: Logger = Logger(label: "tickets"), tracing: (any Service)? = nil
    ) async throws -> some ApplicationProtocol {
        _ = PrometheusExport.registry
        let topology = try BusTopology(serviceName: configuration.serviceName)
        let bus = MessageBus(topology: topology)
        let health = HealthMonitor()
        let gate = StartupGate()
        let clients = try DriverClients(configuration: configuration, health: health, logger: logger)

        let handlers = HandlerCatalog.handlers(topology: topology, postgres: clients.postgres, bus: bus, gateway: clients.gateway)
        let tracker = SubscriptionTracker(consumers: handlers.map(\.name), health: health)
        let consumerConfiguration = ConsumerConfiguration(retry: RetryPolicy(maxAttempts: configuration.messageDeliveryAttempts))
        let consumers: [any Service] = handlers.map { handler in
            StreamConsumer(
                handler: handler,
                streams: clients.consumerStreams,
                topology: topology,
                consumerName: configuration.consumerName,
                configuration: consumerConfiguration,
                logger: logger,
                onSubscribed: { [name = handler.name] in
                    health.recordUp(.redis)
                    tracker.subscribed(name)
                },
                onStreamError: { health.recordDown(.redis, error: "\($0)") }
            )
        }
        let forwarder = OutboxForwarder(
            relay: clients.outboxRelay,
            logger: logger,
            onError: { health.recordDown(.redis, error: "\($0)") },
            onSuccess: { health.recordUp(.redis) }
        )

        let router = Router()
        router.middlewares.add(CorrelationIDMiddleware())
        router.middlewares.add(RequestTracingMiddleware())
        router.middlewares.add(HTTPMetricsMiddleware())
        router.middlewares.add(ErrorMappingMiddleware())
        let deadLetters = DeadLetterStore(redis: clients.redis, topology: topology)
        HealthRoutes(monitor: health, messagingFigures: {
            guard let backlog = try? await clients.outboxRelay.backlog().count,
                  let dead = try? await deadLetters.count()
            else { return nil }
            return MessagingHealthFigures(outboxBacklog: backlog, deadLetters: dead)
        }).register(on: router)
        router.get("/metrics") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: PrometheusExport.exposition()))
            )
        }
        OpenAPIRoute.register(on: router)
        TicketsAPI(
            shows: PostgresShowsRepository(client: clients.apiPostgres),
            bookings: PostgresBookingsRepository(client: clients.apiPostgres, bus: bus),
            holds: PostgresHoldsRepository(client: clients.apiPostgres, bus: bus),
            ticketStatuses: PostgresTicketStatusRecorder(client: clients.apiPostgres, bus: bus),
            tickets: PostgresTicketsRepository(client: clients.apiPostgres),
            refunds: PostgresRefundRequests(client: clients.apiPostgres, bus: bus),
            opsReadModel: PostgresOpsReadModel(client: clients.apiPostgres, bus: bus),
            opsAPIToken: configuration.opsAPIToken
        ).register(on: router)
        if configuration.opsAPIToken == nil {
            logger.warning("OPS_API_TOKEN is not set: /ops/* is open to anyone who can reach the service")
        }

        let services: [any Service] = [tracing].compactMap { $0 } + [
            ClientShutdown(shutdowns: clients.shutdowns),
            DatabaseStartup(client: clients.postgres, health: health, gate: gate, retryBudget: configuration.postgresStartupTimeout, logger: logger),
            GatedService(gate: gate, service: forwarder),
            GatedService(gate: gate, service: HoldExpirySweeper(
                holds: PostgresHoldsRepository(client: clients.postgres, bus: bus),
                interval: configuration.holdSweepInterval,
                logger: logger
            )),
            GatedService(gate: gate, service: ConcurrentServices(services: consumers)),
        ]

        return Application(
            router: router,
            configuration: .init(
                address: .hostname(configuration.httpAddress.host, port: configuration.httpAddress.port),
                serverName: "tickets"
            ),
            services: services,
            logger: logger
        )
    }
}
