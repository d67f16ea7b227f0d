import Configuration
import Foundation
import Logging

/// Everything the service reads from its environment (CONTRACT.md §1), read once and validated
/// in one pass that reports every bad setting, not just the first.
struct ServiceConfiguration: Sendable, Equatable {
    enum LogFormat: String, Sendable {
        case json
        case text
    }

    var httpAddress: HostAndPort
    var postgresURL: String
    var postgresPoolSize: Int
    /// Connections kept for the HTTP API alone, so requests never queue behind the consumers.
    var postgresAPIPoolSize: Int
    var redisAddress: HostAndPort
    var gatewayURL: String
    var opsAPIToken: String?
    var logLevel: Logger.Level
    var logFormat: LogFormat
    var serviceName: String
    /// Attempts a message gets before it moves to the dead-letter stream.
    var messageDeliveryAttempts: Int
    /// This instance's consumer name in every group: stable across restarts, so a restarted
    /// instance resumes its own pending entries at once, and distinct between instances.
    var consumerName: String
    /// How often expired holds are looked for and released (their seats count as free at once
    /// anyway; this makes them leave `held_seats` and publishes their `SeatsReleased_v1`).
    var holdSweepInterval: Duration
    /// Span export; nil when `OTEL_EXPORTER_OTLP_ENDPOINT` is not set.
    var tracing: TracingConfiguration? = nil
    /// How long the start keeps retrying an unreachable Postgres before the service gives up
    /// and exits with an error.
    var postgresStartupTimeout: Duration = .seconds(300)

    static let defaultPostgresURL = "postgresql://postgres@127.0.0.1:55432/tickets"

    /// Reads and validates the settings; throws one error listing every problem.
    static func load(from reader: ConfigReader) throws(ConfigurationError) -> ServiceConfiguration {
        var problems: [String] = []
        func setting<Value>(_ name: String, default fallback: String, _ parse: (String) -> Value?, expected: String) -> Value? {
            let raw = reader.string(forKey: ConfigKey(name.lowercased().split(separator: "_").map(String.init))) ?? fallback
            guard let value = parse(raw) else {
                problems.append("\(name): \(raw.isEmpty ? "empty" : "'\(raw)'") is not \(expected)")
                return nil
            }
            return value
        }

        let httpAddress = setting("HTTP_ADDR", default: "127.0.0.1:8080", HostAndPort.init, expected: "host:port")
        let postgresURL = setting("POSTGRES_URL", default: defaultPostgresURL, Self.postgresURL, expected: "a postgres:// or postgresql:// URL")
        let poolSize = setting("POSTGRES_POOL_SIZE", default: "16", { Int($0).flatMap { (1...200).contains($0) ? $0 : nil } }, expected: "a whole number from 1 to 200")
        let apiPoolSize = setting("POSTGRES_API_POOL_SIZE", default: "8", { Int($0).flatMap { (1...200).contains($0) ? $0 : nil } }, expected: "a whole number from 1 to 200")
        let redisAddress = setting("REDIS_ADDR", default: "127.0.0.1:56379", HostAndPort.init, expected: "host:port (no scheme)")
        let gatewayURL = setting("GATEWAY_ADDR", default: "http://127.0.0.1:8888", Self.httpURL, expected: "an http:// or https:// URL")
        let logLevel = setting("LOG_LEVEL", default: "info", { Logger.Level(rawValue: $0.lowercased()) }, expected: "one of trace, debug, info, notice, warning, error, critical")
        let logFormat = setting("LOG_FORMAT", default: "json", { LogFormat(rawValue: $0.lowercased()) }, expected: "json or text")
        let serviceName = setting("SERVICE_NAME", default: "svc-tickets", Self.simpleName, expected: "a name of letters, digits, '-', '_' and '.'")
        let attempts = setting("MESSAGE_DELIVERY_ATTEMPTS", default: "10", { Int($0).flatMap { $0 > 0 ? $0 : nil } }, expected: "a whole number above 0")
        let sweepMilliseconds = setting(
            "HOLD_SWEEP_INTERVAL_MS", default: "1000", { Int($0).flatMap { (10...3_600_000).contains($0) ? $0 : nil } },
            expected: "a whole number of milliseconds from 10 to 3600000")
        func optionalSetting<Value>(_ name: String, _ parse: (String) -> Value?, expected: String) -> Value? {
            guard let raw = reader.string(forKey: ConfigKey(name.lowercased().split(separator: "_").map(String.init))),
                  !raw.isEmpty
            else { return nil }
            guard let value = parse(raw) else {
                problems.append("\(name): '\(raw)' is not \(expected)")
                return nil
            }
            return value
        }

        let otlpEndpoint = optionalSetting("OTEL_EXPORTER_OTLP_ENDPOINT", Self.httpURL, expected: "an http:// or https:// URL")
        let otelServiceName = setting("OTEL_SERVICE_NAME", default: TracingConfiguration.defaultServiceName, Self.simpleName, expected: "a name of letters, digits, '-', '_' and '.'")
        let startupTimeout = setting(
            "POSTGRES_STARTUP_TIMEOUT", default: "300", Self.seconds, expected: "a number of seconds from 1 to 86400"
        )
        let token = reader.string(forKey: ["ops", "api", "token"], isSecret: true).flatMap { $0.isEmpty ? nil : $0 }
        let consumerName = setting(
            "CONSUMER_NAME",
            default: "\(ProcessInfo.processInfo.hostName)-\(httpAddress?.port ?? 0)",
            Self.simpleName,
            expected: "a name of letters, digits, '-', '_' and '.'"
        )

        guard problems.isEmpty, let httpAddress, let postgresURL, let poolSize, let apiPoolSize, let redisAddress, let gatewayURL,
              let logLevel, let logFormat, let serviceName, let attempts, let consumerName, let sweepMilliseconds, let otelServiceName, let startupTimeout
        else { throw ConfigurationError(problems: problems) }

        return ServiceConfiguration(
            httpAddress: httpAddress,
            postgresURL: postgresURL,
            postgresPoolSize: poolSize,
            postgresAPIPoolSize: apiPoolSize,
            redisAddress: redisAddress,
            gatewayURL: gatewayURL,
            opsAPIToken: token,
            logLevel: logLevel,
            logFormat: logFormat,
            serviceName: serviceName,
            messageDeliveryAttempts: attempts,
            consumerName: consumerName,
            holdSweepInterval: .milliseconds(sweepMilliseconds),
            tracing: otlpEndpoint.map { TracingConfiguration(endpoint: $0, serviceName: otelServiceName) },
            postgresStartupTimeout: startupTimeout
        )
    }

    private static func postgresURL(_ raw: String) -> String? {
        guard let url = URLComponents(string: raw), let scheme = url.scheme,
              ["postgres", "postgresql"].contains(scheme), url.host?.isEmpty == false
        else { return nil }
        return raw
    }

    private static func httpURL(_ raw: String) -> String? {
        guard let url = URLComponents(string: raw), let scheme = url.scheme,
              ["http", "https"].contains(scheme), url.host?.isEmpty == false
        else { return nil }
        return raw.hasSuffix("/") ? String(raw.dropLast()) : raw
    }

    private static func seconds(_ raw: String) -> Duration? {
        guard let seconds = Double(raw), seconds.isFinite, (1...86400).contains(seconds) else { return nil }
        return .milliseconds(Int64(seconds * 1000))
    }

    private static func simpleName(_ raw: String) -> String? {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_."))
        return !raw.isEmpty && raw.unicodeScalars.allSatisfy(allowed.contains) ? raw : nil
    }
}

/// Every problem found in the settings, one line each, naming the setting.
struct ConfigurationError: Error, CustomStringConvertible, Equatable {
    var problems: [String]

    var description: String {
        problems.map { "invalid setting \($0)" }.joined(separator: "\n")
    }
}
