import Foundation
import Instrumentation
import Message
import Tracing

/// Writes outgoing messages as outbox rows inside the caller's transaction (deferred to the
/// transaction's next round trip, usually its COMMIT: no one reads them back), and wakes the
/// forwarders once it commits (`notifyAfterCommit`: nothing if it rolls back, and no
/// serialization of the writers' commits, which a NOTIFY inside the transaction would cause).
///
/// The write is the span `outbox write`, and this is the one place where a message gets its
/// `traceparent` (CONTRACT.md §3): that span's context, which the forward and the handlers of
/// each message continue.
public enum OutboxWriter {
    public static let notificationChannel = "outbox"

    public static func append(_ messages: [OutgoingMessage], on connection: PostgresConnection) throws {
        guard !messages.isEmpty else { return }
        try withSpan("outbox write", ofKind: .producer) { span in
            span.attributes["messaging.batch.message_count"] = messages.count
            try insert(messages.map { traced($0, in: span.context) }, on: connection)
        }
        try connection.notifyAfterCommit(channel: notificationChannel)
    }

    private static func traced(_ message: OutgoingMessage, in context: ServiceContext) -> OutgoingMessage {
        var message = message
        InstrumentationSystem.instrument.inject(context, into: &message.envelope.metadata, using: MetadataTraceCarrier())
        return message
    }

    private static func insert(_ messages: [OutgoingMessage], on connection: PostgresConnection) throws {
        var parameters: [any PostgresEncodable] = []
        for message in messages {
            parameters += [
                message.topic,
                message.envelope.uuid,
                message.envelope.payload,
                PostgresJSON(data: OutboxMetadataJSON.encode(message.envelope.metadata)),
            ]
        }
        try connection.executeDeferred(
            "INSERT INTO outbox (topic, message_uuid, payload, metadata) VALUES "
                + PostgresValuesList.placeholders(rows: messages.count, columns: 4),
            parameters
        )
    }
}
