import Foundation

extension MetadataKey {
    /// Set on a dead letter replayed to its topic: only the named handler handles it again; the
    /// other handlers of the topic acknowledge it unhandled.
    public static let replayForHandler = "replay_for_handler"
}

/// How entries are written to the dead-letter stream (Watermill's poison queue format).
enum DeadLetter {
    static func poisonMetadata(reason: String, topic: String, handler: String, subscriber: String) -> [String: String] {
        [
            MetadataKey.reasonPoisoned: reason,
            MetadataKey.topicPoisoned: topic,
            MetadataKey.handlerPoisoned: handler,
            MetadataKey.subscriberPoisoned: subscriber,
        ]
    }

    /// A stand-in for an entry that is not a readable message, keeping every byte it had: a new
    /// UUID, the raw `payload` field (empty when it had none) as payload, and every other field
    /// base64-encoded in the metadata as `raw_<field name>`.
    static func envelope(forMalformed fields: [StreamField]) -> Envelope {
        var payload = Data()
        var metadata: [String: String] = [:]
        for field in fields {
            if field.name == WatermillStreamMarshaler.payloadField {
                payload = field.value
            } else {
                metadata["raw_" + field.name] = field.value.base64EncodedString()
            }
        }
        return Envelope(metadata: metadata, payload: payload)
    }
}

extension BusTopology {
    /// The consumer group of `handler`: under `commands` for a command topic, else `events`.
    public func consumerGroup(for handler: any MessageHandler) -> String {
        consumerGroup(handler: handler.name, handling: handler.topic.hasPrefix("commands.") ? .command : .publicEvent)
    }
}
