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

    /// A stand-in for an entry that is not a readable message: a new UUID, and the raw bytes of
    /// its `payload` field (empty when it had none) so nothing the producer sent is lost.
    static func envelope(forMalformed fields: [StreamField]) -> Envelope {
        let payload = fields.last { $0.name == WatermillStreamMarshaler.payloadField }?.value ?? Data()
        return Envelope(metadata: ["raw_fields": fields.map(\.name).joined(separator: ",")], payload: payload)
    }
}

extension BusTopology {
    /// The consumer group of `handler`: under `commands` for a command topic, else `events`.
    public func consumerGroup(for handler: any MessageHandler) -> String {
        consumerGroup(handler: handler.name, handling: handler.topic.hasPrefix("commands.") ? .command : .publicEvent)
    }
}
