import Entities
import Instrumentation
import ServiceContextModule

/// Turns events and commands into the messages to publish: one envelope per message (JSON
/// payload, `name`, `correlation_id` and the current trace's `traceparent` in the metadata)
/// addressed to every topic its kind travels on. Call it in the task that causes the message:
/// correlation and trace are read from the task.
public struct MessageBus: Sendable {
    public let topology: BusTopology

    public init(topology: BusTopology) {
        self.topology = topology
    }

    public func outgoing(_ messages: [any BusMessage]) throws -> [OutgoingMessage] {
        try messages.flatMap { try outgoing($0) }
    }

    public func outgoing<Message: BusMessage>(_ message: Message) throws -> [OutgoingMessage] {
        var envelope = try BusMessageMarshaler.marshal(message)
        if let context = ServiceContext.current {
            InstrumentationSystem.instrument.inject(context, into: &envelope.metadata, using: MetadataTraceCarrier())
        }
        return topology.publishTopics(for: Message.self).map { OutgoingMessage(topic: $0, envelope: envelope) }
    }
}
