import Adapters
import Entities
import Logging
import Message

/// The clients over the three C libraries and the adapters built directly on them: one of each
/// per process (two Postgres pools), closed together when the service stops.
struct DriverClients: Sendable {
    /// The consumers', the forwarder's and the health probe's connections.
    let postgres: PostgresClient
    /// The HTTP API's own connections: under a message backlog the consumers hold every
    /// connection of the main pool, and requests waiting behind them timed out.
    let apiPostgres: PostgresClient
    let redis: RedisClient
    let http: CurlHTTPClient
    let gateway: GatewayPorts
    let consumerStreams: RedisConsumerGroupStreams
    let outboxRelay: PostgresRedisOutboxRelay

    init(configuration: ServiceConfiguration, health: any HealthRecording, logger: Logger) throws {
        let postgresConfiguration = try PostgresClient.Configuration(
            url: configuration.postgresURL,
            poolSize: configuration.postgresPoolSize,
            applicationName: configuration.serviceName
        )
        postgres = PostgresClient(configuration: postgresConfiguration, logger: logger)
        apiPostgres = PostgresClient(
            configuration: try PostgresClient.Configuration(
                url: configuration.postgresURL,
                poolSize: configuration.postgresAPIPoolSize,
                applicationName: configuration.serviceName + "-api"
            ),
            logger: logger
        )
        let redisConfiguration = RedisConfiguration(
            address: RedisAddress(host: configuration.redisAddress.host, port: configuration.redisAddress.port)
        )
        redis = RedisClient(configuration: redisConfiguration)
        http = try CurlHTTPClient(configuration: .init(maxConcurrentRequests: 32))
        let clients = GatewayClients(configuration: GatewayConfiguration(address: configuration.gatewayURL, health: health), httpClient: http)
        gateway = GatewayPorts(
            receipts: clients.receipts,
            payments: clients.payments,
            files: clients.files,
            sheets: clients.spreadsheets,
            deadNation: clients.deadNation
        )
        consumerStreams = RedisConsumerGroupStreams(client: redis)
        outboxRelay = PostgresRedisOutboxRelay(postgres: postgres, redis: redisConfiguration, logger: logger)
    }

    /// Closes everything, the users of other clients first.
    var shutdowns: [@Sendable () async throws -> Void] {
        [outboxRelay.shutdown, http.shutdown, redis.shutdown, apiPostgres.shutdown, postgres.shutdown]
    }
}
