import Message

/// Opens consumer-group streams over Redis Streams: each opened stream reads new entries on a
/// blocking connection of its own and sends everything else through the shared `client`.
public struct RedisConsumerGroupStreams: ConsumerGroupStreams {
    public let client: RedisClient

    public init(client: RedisClient) {
        self.client = client
    }

    public func open(topic: String, group: String, consumer: String, deadLetterTopic: String) -> any ConsumerGroupStream {
        RedisConsumerGroupStream(
            client: client, blockingConnection: client.makeBlockingConnection(),
            topic: topic, group: group, consumer: consumer, deadLetterTopic: deadLetterTopic)
    }
}
