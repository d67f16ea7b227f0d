import Adapters
import ArgumentParser
import Entities
import Foundation
import Message

/// `tickets read-model rebuild`: recomputes the ops read model from the data lake alone.
struct ReadModelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read-model",
        abstract: "Maintain the ops read model.",
        subcommands: [Rebuild.self]
    )

    struct Rebuild: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Recompute read_model_ops_bookings from the data lake.")

        func run() async throws {
            let configuration = try ServiceConfiguration.fromEnvironment()
            // An operator's one-off over the whole data lake: no statement timeout.
            let client = try PostgresClient(configuration: .init(url: configuration.postgresURL, poolSize: 1, statementTimeout: nil))
            do {
                let bus = MessageBus(topology: try BusTopology(serviceName: configuration.serviceName))
                let rebuilt = try await OpsReadModelRebuild(
                    dataLake: PostgresDataLake(client: client),
                    readModel: PostgresOpsReadModel(client: client, bus: bus)
                ).run()
                print("rebuilt the ops read model from \(rebuilt.events) events: \(rebuilt.bookings) bookings")
                try await client.shutdown()
            } catch {
                try? await client.shutdown()
                throw CommandFailure(error)
            }
        }
    }
}
