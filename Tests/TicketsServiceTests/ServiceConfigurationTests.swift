import Configuration
import Testing
@testable import TicketsService

@Suite struct ServiceConfigurationTests {
    private func load(_ environment: [String: String]) throws(ConfigurationError) -> ServiceConfiguration {
        try ServiceConfiguration.load(from: ConfigReader(provider: EnvironmentVariablesProvider(environmentVariables: environment)))
    }

    @Test func defaultsPointAtTheLocalServices() throws {
        let configuration = try load([:])
        #expect(configuration.httpAddress == HostAndPort(host: "127.0.0.1", port: 8080))
        #expect(configuration.postgresURL == "postgresql://postgres@127.0.0.1:55432/tickets")
        #expect(configuration.redisAddress == HostAndPort(host: "127.0.0.1", port: 56379))
        #expect(configuration.gatewayURL == "http://127.0.0.1:8888")
        #expect(configuration.opsAPIToken == nil)
        #expect(configuration.logLevel == .info)
        #expect(configuration.logFormat == .json)
        #expect(configuration.serviceName == "svc-tickets")
        #expect(configuration.messageDeliveryAttempts == 10)
        #expect(configuration.holdSweepInterval == .seconds(1))
        #expect(configuration.postgresStartupTimeout == .seconds(300))
    }

    @Test func readsEverySetting() throws {
        let configuration = try load([
            "HTTP_ADDR": "0.0.0.0:9000",
            "POSTGRES_URL": "postgres://u:p@db:5432/x",
            "REDIS_ADDR": "redis:6379",
            "GATEWAY_ADDR": "http://gateway:8888/",
            "OPS_API_TOKEN": "s3cret",
            "LOG_LEVEL": "DEBUG",
            "LOG_FORMAT": "text",
            "SERVICE_NAME": "svc-other",
            "MESSAGE_DELIVERY_ATTEMPTS": "3",
            "POSTGRES_POOL_SIZE": "4",
            "HOLD_SWEEP_INTERVAL_MS": "250",
            "POSTGRES_API_POOL_SIZE": "2",
            "POSTGRES_STARTUP_TIMEOUT": "2.5",
        ])
        #expect(configuration.httpAddress == HostAndPort(host: "0.0.0.0", port: 9000))
        #expect(configuration.postgresURL == "postgres://u:p@db:5432/x")
        #expect(configuration.redisAddress == HostAndPort(host: "redis", port: 6379))
        #expect(configuration.gatewayURL == "http://gateway:8888")
        #expect(configuration.opsAPIToken == "s3cret")
        #expect(configuration.logLevel == .debug)
        #expect(configuration.logFormat == .text)
        #expect(configuration.serviceName == "svc-other")
        #expect(configuration.messageDeliveryAttempts == 3)
        #expect(configuration.postgresPoolSize == 4)
        #expect(configuration.holdSweepInterval == .milliseconds(250))
        #expect(configuration.postgresAPIPoolSize == 2)
        #expect(configuration.postgresStartupTimeout == .milliseconds(2500))
    }

    @Test func theAPIPoolSizeDefaultsToFourAndIsChecked() {
        #expect((try? load([:]))?.postgresAPIPoolSize == 8)
        #expect(throws: ConfigurationError(problems: ["POSTGRES_API_POOL_SIZE: '0' is not a whole number from 1 to 200"])) {
            try load(["POSTGRES_API_POOL_SIZE": "0"])
        }
    }

    @Test func everyBadSettingIsReportedOnItsOwnLineNamingIt() {
        #expect(throws: ConfigurationError(problems: [
            "HTTP_ADDR: 'localhost' is not host:port",
            "POSTGRES_URL: 'mysql://x' is not a postgres:// or postgresql:// URL",
            "REDIS_ADDR: 'redis://r:1' is not host:port (no scheme)",
            "GATEWAY_ADDR: 'gateway:8888' is not an http:// or https:// URL",
            "LOG_LEVEL: 'loud' is not one of trace, debug, info, notice, warning, error, critical",
            "LOG_FORMAT: 'xml' is not json or text",
            "SERVICE_NAME: 'svc tickets' is not a name of letters, digits, '-', '_' and '.'",
            "MESSAGE_DELIVERY_ATTEMPTS: '0' is not a whole number above 0",
            "HOLD_SWEEP_INTERVAL_MS: '5' is not a whole number of milliseconds from 10 to 3600000",
            "POSTGRES_STARTUP_TIMEOUT: 'forever' is not a number of seconds from 1 to 86400",
        ])) {
            try load([
                "HTTP_ADDR": "localhost",
                "POSTGRES_URL": "mysql://x",
                "REDIS_ADDR": "redis://r:1",
                "GATEWAY_ADDR": "gateway:8888",
                "LOG_LEVEL": "loud",
                "LOG_FORMAT": "xml",
                "SERVICE_NAME": "svc tickets",
                "MESSAGE_DELIVERY_ATTEMPTS": "0",
                "HOLD_SWEEP_INTERVAL_MS": "5",
                "POSTGRES_STARTUP_TIMEOUT": "forever",
            ])
        }
    }

    @Test func portsOutOfRangeAndEmptyTokensAreHandled() throws {
        #expect(throws: ConfigurationError.self) { try load(["HTTP_ADDR": "127.0.0.1:70000"]) }
        #expect(throws: ConfigurationError.self) { try load(["POSTGRES_POOL_SIZE": "0"]) }
        #expect(throws: ConfigurationError.self) { try load(["POSTGRES_STARTUP_TIMEOUT": "0"]) }
        #expect(throws: ConfigurationError.self) { try load(["POSTGRES_STARTUP_TIMEOUT": "nan"]) }
        #expect(try load(["OPS_API_TOKEN": ""]).opsAPIToken == nil)
    }

    @Test func tracingIsOffWithoutAnOTLPEndpoint() throws {
        #expect(try load([:]).tracing == nil)
        #expect(try load(["OTEL_EXPORTER_OTLP_ENDPOINT": ""]).tracing == nil)
        #expect(try load(["OTEL_SERVICE_NAME": "other"]).tracing == nil)
    }

    @Test func tracingReadsTheEndpointAndServiceName() throws {
        let tracing = try #require(try load(["OTEL_EXPORTER_OTLP_ENDPOINT": "http://jaeger:4318/"]).tracing)
        #expect(tracing == TracingConfiguration(endpoint: "http://jaeger:4318", serviceName: "tickets"))
        #expect(tracing.tracesURL == "http://jaeger:4318/v1/traces")
        let named = try load(["OTEL_EXPORTER_OTLP_ENDPOINT": "https://collector.example", "OTEL_SERVICE_NAME": "tickets-eu"]).tracing
        #expect(named == TracingConfiguration(endpoint: "https://collector.example", serviceName: "tickets-eu"))
    }

    @Test func badTracingSettingsAreReportedWithTheOthers() {
        #expect(throws: ConfigurationError(problems: [
            "LOG_LEVEL: 'loud' is not one of trace, debug, info, notice, warning, error, critical",
            "OTEL_EXPORTER_OTLP_ENDPOINT: 'jaeger:4318' is not an http:// or https:// URL",
            "OTEL_SERVICE_NAME: 'my tickets' is not a name of letters, digits, '-', '_' and '.'",
        ])) {
            try load(["LOG_LEVEL": "loud", "OTEL_EXPORTER_OTLP_ENDPOINT": "jaeger:4318", "OTEL_SERVICE_NAME": "my tickets"])
        }
    }

    @Test func errorDescriptionIsOneLinePerProblem() {
        let error = ConfigurationError(problems: ["A: bad", "B: worse"])
        #expect(error.description == "invalid setting A: bad\ninvalid setting B: worse")
    }
}
