/// The metadata keys the service reads and writes on messages.
public enum MetadataKey {
    /// The event or command name (Watermill CQRS marshalers' `name`), e.g. `BookingMade_v1`.
    public static let name = "name"
    /// The correlation id of the request or message that caused this one.
    public static let correlationID = "correlation_id"
    /// The W3C trace context of the span that published the message.
    public static let traceparent = "traceparent"

    /// Why a message was moved to the dead-letter stream (Watermill's `middleware.ReasonForPoisonedKey`).
    public static let reasonPoisoned = "reason_poisoned"
    /// The topic the dead-lettered message was read from (`middleware.PoisonedTopicKey`).
    public static let topicPoisoned = "topic_poisoned"
    /// The handler that gave up on it (`middleware.PoisonedHandlerKey`).
    public static let handlerPoisoned = "handler_poisoned"
    /// The subscriber that read it: the consumer name of the instance that gave up on it
    /// (`middleware.PoisonedSubscriberKey`).
    public static let subscriberPoisoned = "subscriber_poisoned"
}
