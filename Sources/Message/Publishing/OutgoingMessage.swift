/// A message on its way to one topic, e.g. as an outbox row.
public struct OutgoingMessage: Sendable, Equatable {
    public var topic: String
    public var envelope: Envelope

    public init(topic: String, envelope: Envelope) {
        self.topic = topic
        self.envelope = envelope
    }
}
