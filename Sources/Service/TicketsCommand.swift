import ArgumentParser

/// The `tickets` executable: the service and its operator tools.
@main
struct TicketsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tickets",
        abstract: "Tickets: the box-office backend.",
        subcommands: [ServeCommand.self, MigrateCommand.self, DeadLettersCommand.self, ReadModelCommand.self, GatewaySimulatorCommand.self],
        defaultSubcommand: ServeCommand.self
    )
}
