import Entities

/// The names of topics (Redis streams) and consumer groups, in one place (CONTRACT.md §3):
///
/// - public events on the `events` firehose and on `events.<Name>`;
/// - internal events on `internal-events.<service>.<Name>`;
/// - commands on `commands.<Name>`;
/// - a handler H reads with group `<service>.events.H` or `<service>.commands.H`;
/// - dead letters go to `poison.<service>`.
///
/// The service name (setting `SERVICE_NAME`) defaults to `svc-tickets`.
public struct BusTopology: Sendable, Hashable {
    public static let defaultServiceName = "svc-tickets"
    /// The stream that carries every public event.
    public static let eventsFirehose = "events"

    public let serviceName: String

    /// A service name must be non-empty and free of whitespace and control characters, since it
    /// becomes part of stream and group names.
    public struct InvalidServiceNameError: Error, CustomStringConvertible {
        public let serviceName: String

        public var description: String {
            "invalid service name \"\(serviceName)\": must be non-empty, without spaces or control characters"
        }
    }

    public init(serviceName: String = BusTopology.defaultServiceName) throws(InvalidServiceNameError) {
        let forbidden = serviceName.unicodeScalars.contains { $0.properties.isWhitespace || $0.properties.generalCategory == .control }
        guard !serviceName.isEmpty, !forbidden else { throw InvalidServiceNameError(serviceName: serviceName) }
        self.serviceName = serviceName
    }

    /// Every topic a message of `type` is published to: the firehose and its own topic for a public
    /// event, its own topic otherwise.
    public func publishTopics(for type: any BusMessage.Type) -> [String] {
        switch type.kind {
        case .publicEvent: [Self.eventsFirehose, topic(for: type)]
        case .internalEvent, .command: [topic(for: type)]
        }
    }

    /// The topic of the messages of `type` alone, which their handlers read.
    public func topic(for type: any BusMessage.Type) -> String {
        switch type.kind {
        case .publicEvent: "events.\(type.name)"
        case .internalEvent: "internal-events.\(serviceName).\(type.name)"
        case .command: "commands.\(type.name)"
        }
    }

    /// The consumer group of the handler named `handlerName` for messages of `kind`. Handler names
    /// are stable: renaming one abandons its group and its position in the stream.
    public func consumerGroup(handler handlerName: String, handling kind: BusMessageKind) -> String {
        switch kind {
        case .publicEvent, .internalEvent: "\(serviceName).events.\(handlerName)"
        case .command: "\(serviceName).commands.\(handlerName)"
        }
    }

    /// The dead-letter stream.
    public var deadLetterTopic: String { "poison.\(serviceName)" }
}
