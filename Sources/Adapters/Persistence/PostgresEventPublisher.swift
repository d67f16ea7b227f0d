import Message
import Entities

/// Publishes a handler's events through the outbox, once per processing key: a redelivered
/// message finds its key recorded and publishes nothing again.
public struct PostgresEventPublisher: EventPublishing {
    let client: PostgresClient
    let bus: MessageBus

    public init(client: PostgresClient, bus: MessageBus) {
        self.client = client
        self.bus = bus
    }

    public func publish(_ events: [any BusMessage], once key: ProcessingKey) async throws {
        let outgoing = try bus.outgoing(events)
        try await client.transaction { connection in
            guard try ProcessedMessageLedger.claim(key, on: connection) else { return }
            try OutboxWriter.append(outgoing, on: connection)
        }
    }
}
