/// Where a message travels, which decides its topics and its handlers' consumer groups.
public enum BusMessageKind: Sendable, Hashable {
    /// A public event: on the `events` firehose and on its own `events.<Name>` topic.
    case publicEvent
    /// An event only this service consumes (kept out of the data lake).
    case internalEvent
    /// A command, on `commands.<Name>`.
    case command
}

/// An event or command as it travels on the bus: a JSON payload whose `name` metadata is the
/// type's wire name (Watermill's CQRS marshaler), with the common header.
public protocol BusMessage: Codable, Sendable {
    /// The wire name, in the `name` metadata and in topic names, e.g. `TicketBookingConfirmed_v1`.
    /// Renaming it breaks every consumer, so it is spelled out rather than derived from the type.
    static var name: String { get }
    static var kind: BusMessageKind { get }
    var header: EventHeader { get }
}
