import Message
import Entities

/// The record of which handler processed which message (`processed_messages`). Written in the
/// same transaction as the handler's effects, it makes those effects apply once per message.
enum ProcessedMessageLedger {
    /// Records `key`; false when it was recorded before, and the effects must be skipped.
    static func claim(_ key: ProcessingKey, on connection: PostgresConnection) throws -> Bool {
        try connection.execute(
            "INSERT INTO processed_messages (handler, message_uuid) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            [key.handler, key.messageUUID]
        ) == 1
    }
}

/// `ProcessedMessages` for handlers whose effect is a call outside: the effect runs unless the
/// key is recorded, and the key is recorded after it succeeded. A crash in between repeats the
/// call, which the gateway's idempotency keys absorb.
public struct PostgresProcessedMessages: ProcessedMessages {
    let client: PostgresClient

    public init(client: PostgresClient) {
        self.client = client
    }

    public func once(_ key: ProcessingKey, _ effect: @Sendable () async throws -> Void) async throws {
        let seen = try await client.query(
            "SELECT 1 FROM processed_messages WHERE handler = $1 AND message_uuid = $2",
            [key.handler, key.messageUUID]
        )
        guard seen.isEmpty else { return }
        try await effect()
        _ = try await client.withConnection { try ProcessedMessageLedger.claim(key, on: $0) }
    }
}
