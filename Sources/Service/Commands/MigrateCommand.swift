import Adapters
import ArgumentParser
import Logging

/// `tickets migrate`: applies the schema migrations and exits; several instances may run it at
/// once (an advisory lock orders them).
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Apply the database migrations and exit.")

    func run() async throws {
        let configuration = try ServiceConfiguration.fromEnvironment()
        LoggingSetup.bootstrap(format: configuration.logFormat, level: configuration.logLevel)
        let client = try PostgresClient(configuration: .init(url: configuration.postgresURL, poolSize: 1))
        do {
            let applied = try await PostgresMigrator(client: client, migrations: TicketsSchema.migrations).migrate()
            print(applied.isEmpty ? "schema up to date" : "applied: " + applied.map { "\($0.version) \($0.name)" }.joined(separator: ", "))
            try await client.shutdown()
        } catch {
            try? await client.shutdown()
            throw CommandFailure(error)
        }
    }
}

/// An operator command failed: the message goes to standard error, the exit code is 1.
struct CommandFailure: Error, CustomStringConvertible {
    let message: String

    init(_ error: any Error) {
        message = "\(error)"
    }

    var description: String { message }
}
