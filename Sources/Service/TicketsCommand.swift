import ArgumentParser

/// The `tickets` executable: the service and its operator tools.
@main
struct TicketsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tickets",
        abstract: "Tickets: the box-office backend.",
        subcommands: [GatewaySimulatorCommand.self]
    )
}
