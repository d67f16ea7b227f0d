import Adapters
import Foundation
import GatewaySimulator
import Hummingbird
import HummingbirdTesting
import Logging
import MetricsTestKit
import Testing

/// A live gateway simulator on a free port, gateway clients pointed at it, and a way to read
/// what the simulator recorded.
struct GatewayFixture: Sendable {
    let address: String
    let httpClient: CurlHTTPClient
    let metrics: TestMetrics
    let simulator: any TestClientProtocol

    /// Runs `test` against a fresh simulator; the HTTP client is shut down after.
    static func run(_ test: @Sendable @escaping (GatewayFixture) async throws -> Void) async throws {
        var logger = Logger(label: "gateway-simulator")
        logger.logLevel = .critical
        let app = buildGatewaySimulator(configuration: .init(logger: logger), callbackPoster: nil)
        let httpClient = try CurlHTTPClient(configuration: .init(maxConcurrentRequests: 2))
        try await app.test(.live) { simulator in
            let fixture = GatewayFixture(
                address: "http://localhost:\(try #require(simulator.port))",
                httpClient: httpClient, metrics: TestMetrics(), simulator: simulator
            )
            try await test(fixture)
        }
        try await httpClient.shutdown()
    }

    func clients(timeouts: HTTPClientTimeouts = .init(connect: .seconds(2), total: .seconds(5))) -> GatewayClients {
        GatewayClients(configuration: .init(address: address, timeouts: timeouts, metricsFactory: metrics), httpClient: httpClient)
    }

    /// The calls the simulator received for `api`, oldest first.
    func journal(_ api: String) async throws -> [RecordedCall] {
        let response = try await simulator.execute(uri: "/_sim/requests?api=\(api)", method: .get, headers: [:], body: nil)
        return try JSONDecoder().decode([RecordedCall].self, from: Data(response.body.readableBytesView))
    }

    /// Injects a fault (`PUT /_sim/faults/{api}`).
    func injectFault(_ api: String, _ fault: String) async throws {
        let response = try await simulator.execute(uri: "/_sim/faults/\(api)", method: .put, headers: [:], body: ByteBuffer(string: fault))
        try #require(response.status == .ok)
    }

    /// How many times `gateway_request_duration_seconds` was recorded for `api` and `outcome`.
    func recordedDurations(api: String, outcome: String) -> Int {
        metrics.timers(label: "gateway_request_duration_seconds")
            .filter { timer in
                timer.dimensions.contains { $0 == ("api", api) } && timer.dimensions.contains { $0 == ("outcome", outcome) }
            }
            .reduce(0) { $0 + $1.values.count }
    }
}

/// A call as the simulator's journal has it.
struct RecordedCall: Decodable {
    var method: String
    var path: String
    var headers: [String: String]
    var body: String
    var status: Int

    /// The body read as JSON, for exact comparisons of field names and types.
    var json: JSONValue? { try? JSONDecoder().decode(JSONValue.self, from: Data(body.utf8)) }
}

/// Any JSON value, comparable.
enum JSONValue: Decodable, Equatable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    case string(String)
    case number(Double)
    case bool(Bool)
    case array([JSONValue])
    case object([String: JSONValue])
    case null

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    init(stringLiteral value: String) { self = .string(value) }
    init(integerLiteral value: Int) { self = .number(Double(value)) }
    init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(uniqueKeysWithValues: elements))
    }
}
