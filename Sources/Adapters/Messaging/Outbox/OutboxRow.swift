import Foundation
import Message

/// An outbox row claimed for forwarding, as `OutboxWriter` stored it.
struct OutboxRow: Sendable {
    let id: Int64
    let topic: String
    let messageUUID: String
    let payload: Data
    /// The metadata as stored (a JSON object of strings); read when the row is published.
    let metadata: PostgresJSON
    /// Failed publications so far.
    let attempts: Int

    init(_ row: PostgresRow) throws {
        id = try row.decode(column: "id")
        topic = try row.decode(column: "topic")
        messageUUID = try row.decode(column: "message_uuid")
        payload = try row.decode(column: "payload")
        metadata = try row.decode(column: "metadata")
        attempts = try row.decode(column: "attempts")
    }

    /// The message of this row: the stored UUID, payload and metadata. Throws when the stored
    /// metadata is not a JSON object of strings.
    func envelope() throws -> Envelope {
        Envelope(uuid: messageUUID, metadata: try OutboxMetadataJSON.decode(metadata.data), payload: payload)
    }

    /// The stream entry publishing `envelope` on this row's topic, as Watermill fields.
    func streamAppend(of envelope: Envelope) -> RedisStreamAppend {
        RedisStreamAppend(stream: topic, fields: WatermillStreamMarshaler.fields(of: envelope).map { ($0.name, $0.value) })
    }
}
