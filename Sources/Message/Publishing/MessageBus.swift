import Entities

/// Turns events and commands into the messages to publish: one envelope per message (JSON
/// payload, `name` and `correlation_id` in the metadata) addressed to every topic its kind
/// travels on. Call it in the task that causes the message: the correlation id is read from the
/// task. The `traceparent` is added where the message is written to the outbox.
public struct MessageBus: Sendable {
    public let topology: BusTopology

    public init(topology: BusTopology) {
        self.topology = topology
    }

    public func outgoing(_ messages: [any BusMessage]) throws -> [OutgoingMessage] {
        try messages.flatMap { try outgoing($0) }
    }

    public func outgoing<Message: BusMessage>(_ message: Message) throws -> [OutgoingMessage] {
        let envelope = try BusMessageMarshaler.marshal(message)
        return topology.publishTopics(for: Message.self).map { OutgoingMessage(topic: $0, envelope: envelope) }
    }
}
