import Adapters
import Entities
import Foundation
import GatewaySimulator
import Hummingbird
import Logging
import Message
import TestSupport
@testable import TicketsService

/// The whole service as `tickets serve` builds it (the one composition root), with its own
/// gateway simulator playing Dead Nation, a scratch Redis and a Postgres schema of its own, and
/// tracing on: spans go over OTLP/HTTP to a receiver of its own (`traces`), as with
/// `OTEL_EXPORTER_OTLP_ENDPOINT`. Started once and shared by every component test; tests keep
/// apart by their own ids.
final class ComponentEnvironment: Sendable {
    static let shared = Task { try await ComponentEnvironment() }

    let serviceURL: String
    let gatewayURL: String
    let http: CurlHTTPClient
    let postgres: PostgresClient
    let traces: OTLPTraceReceiver
    private let redis: ScratchRedisServer

    private let redisClient: RedisClient

    private init() async throws {
        redis = try ScratchRedisServer()
        traces = try OTLPTraceReceiver()
        redisClient = RedisClient(configuration: RedisConfiguration(address: RedisAddress(host: "127.0.0.1", port: redis.port), poolSize: 1))
        let schema = TestEnvironment.uniqueName("component").replacingOccurrences(of: "-", with: "_")
        let admin = try PostgresClient(configuration: .init(url: TestEnvironment.postgresURL, poolSize: 1))
        try await admin.execute("CREATE SCHEMA \(schema)")
        try await admin.shutdown()
        let postgresURL = TestEnvironment.postgresURL + "?options=-csearch_path%3D\(schema)"
        postgres = try PostgresClient(configuration: .init(url: postgresURL, poolSize: 4))

        let servicePort = try FreePort.next()
        let gatewayPort = try FreePort.next()
        serviceURL = "http://127.0.0.1:\(servicePort)"
        gatewayURL = "http://127.0.0.1:\(gatewayPort)"
        http = try CurlHTTPClient(configuration: .init(maxConcurrentRequests: 64))

        var logger = Logger(label: "component")
        logger.logLevel = .warning
        let simulator = buildGatewaySimulator(
            configuration: GatewaySimulatorConfiguration(
                port: gatewayPort, ticketsServiceURLs: [serviceURL], callbackDelay: .milliseconds(50), logger: logger
            ),
            callbackPoster: CurlTicketsStatusCallbackPoster(httpClient: http)
        )
        let tracingConfiguration = TracingConfiguration(endpoint: traces.endpoint, serviceName: "tickets-component")
        let configuration = ServiceConfiguration(
            httpAddress: HostAndPort(host: "127.0.0.1", port: servicePort),
            postgresURL: postgresURL,
            postgresPoolSize: 8,
            postgresAPIPoolSize: 4,
            redisAddress: HostAndPort(host: "127.0.0.1", port: redis.port),
            gatewayURL: gatewayURL,
            opsAPIToken: Self.opsToken,
            logLevel: .warning,
            logFormat: .text,
            serviceName: "svc-tickets",
            messageDeliveryAttempts: 10,
            consumerName: "component",
            holdSweepInterval: .milliseconds(100),
            tracing: tracingConfiguration
        )
        let tracing = try TracingSetup.bootstrap(tracingConfiguration, logger: logger)
        let service = try await TicketsApplication.build(configuration: configuration, logger: logger, tracing: tracing)
        Task { try await simulator.run() }
        Task { try await service.run() }
        try await waitUntilHealthy()
    }

    static let opsToken = "component-ops-token"

    // MARK: Calls

    struct Reply: Sendable {
        var status: Int
        var body: Data
        var headers: HTTPClientHeaders

        var json: Any? { try? JSONSerialization.jsonObject(with: body) }
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    func call(_ method: HTTPClientRequest.Method, _ path: String, json body: String? = nil, headers: [String: String] = [:]) async throws -> Reply {
        var fields = HTTPClientHeaders()
        if body != nil { fields.add(name: "Content-Type", value: "application/json") }
        for (name, value) in headers { fields.add(name: name, value: value) }
        let response = try await http.execute(HTTPClientRequest(method: method, url: serviceURL + path, headers: fields, body: body.map { Data($0.utf8) }))
        return Reply(status: response.status, body: response.body, headers: response.headers)
    }

    func ops(_ path: String) async throws -> Reply {
        try await call(.get, path, headers: ["Authorization": "Bearer \(Self.opsToken)"])
    }

    /// A JSON document of the gateway simulator's inspection API (`/_sim/...`).
    func gateway(_ path: String) async throws -> Any {
        let response = try await http.execute(HTTPClientRequest(method: .get, url: gatewayURL + path))
        return try JSONSerialization.jsonObject(with: response.body)
    }

    func setGatewayFault(api: String, json: String?) async throws {
        _ = try await http.execute(HTTPClientRequest(
            method: json == nil ? .delete : .put, url: gatewayURL + "/_sim/faults/\(api)",
            headers: ["Content-Type": "application/json"], body: json.map { Data($0.utf8) }
        ))
    }

    /// Waits until nothing is in flight: every consumer group has read and acknowledged all of its
    /// stream, and the outbox is empty. Checked as groups, outbox, groups again, so that a row
    /// forwarded between the two looks shows up as lag in the second.
    func waitUntilQuiet() async throws {
        let topology = try BusTopology()
        let streams = Set(BusMessageCatalog.all.flatMap { topology.publishTopics(for: $0) })
        func groupsAreDone() async throws -> Bool {
            for stream in streams where try await redisClient.xlen(stream) > 0 {
                let groups = try await redisClient.xinfoGroups(stream)
                if groups.contains(where: { $0.pending > 0 || $0.lag != 0 }) { return false }
            }
            return true
        }
        try await TestSupport.eventually("every handler has caught up", within: .seconds(30)) {
            guard try await groupsAreDone() else { return false }
            let outbox = try await postgres.query("SELECT count(*)::int AS n FROM outbox")
            guard try outbox[0].decode(Int.self, column: "n") == 0 else { return false }
            return try await groupsAreDone()
        }
    }

    private func waitUntilHealthy() async throws {
        try await TestSupport.eventually("the service reports healthy", within: .seconds(60)) {
            (try? await call(.get, "/health").status) == 200
        }
    }
}
