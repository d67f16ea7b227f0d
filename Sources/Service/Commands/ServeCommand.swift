import ArgumentParser
import Hummingbird
import Logging

/// `tickets serve`: the HTTP API, the outbox forwarder and the message handlers, until SIGTERM
/// or SIGINT.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the Tickets service.")

    func run() async throws {
        let configuration = try ServiceConfiguration.fromEnvironment()
        LoggingSetup.bootstrap(format: configuration.logFormat, level: configuration.logLevel)
        let application = try await TicketsApplication.build(configuration: configuration)
        try await application.runService()
    }
}
