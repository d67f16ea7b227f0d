import ArgumentParser
import Hummingbird
import Logging

/// `tickets serve`: the HTTP API, the outbox forwarder and the message handlers, until SIGTERM
/// or SIGINT; with `OTEL_EXPORTER_OTLP_ENDPOINT` set, their spans go to that OTLP collector.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the Tickets service.")

    func run() async throws {
        let configuration = try ServiceConfiguration.fromEnvironment()
        LoggingSetup.bootstrap(format: configuration.logFormat, level: configuration.logLevel)
        let logger = Logger(label: "tickets")
        let tracing = try configuration.tracing.map { try TracingSetup.bootstrap($0, logger: logger) }
        let application = try await TicketsApplication.build(configuration: configuration, logger: logger, tracing: tracing)
        try await application.runService()
    }
}
