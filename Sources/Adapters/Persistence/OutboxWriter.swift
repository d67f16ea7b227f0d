import Message
import Foundation

/// Writes outgoing messages as outbox rows inside the caller's transaction, and wakes the
/// forwarders once it commits (`notifyAfterCommit`: nothing if it rolls back, and no
/// serialization of the writers' commits, which a NOTIFY inside the transaction would cause).
public enum OutboxWriter {
    public static let notificationChannel = "outbox"

    public static func append(_ messages: [OutgoingMessage], on connection: PostgresConnection) throws {
        guard !messages.isEmpty else { return }
        var parameters: [any PostgresEncodable] = []
        var rows: [String] = []
        for message in messages {
            let base = parameters.count
            rows.append("($\(base + 1), $\(base + 2), $\(base + 3), $\(base + 4))")
            parameters += [
                message.topic,
                message.envelope.uuid,
                message.envelope.payload,
                try PostgresJSON(encoding: message.envelope.metadata),
            ]
        }
        try connection.execute(
            "INSERT INTO outbox (topic, message_uuid, payload, metadata) VALUES " + rows.joined(separator: ", "),
            parameters
        )
        try connection.notifyAfterCommit(channel: notificationChannel)
    }
}
