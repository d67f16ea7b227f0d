/// One handler's processing of one message. Effects recorded under a key are applied once,
/// however often the message is delivered.
public struct ProcessingKey: Sendable, Hashable {
    public var handler: String
    public var messageUUID: String

    public init(handler: String, messageUUID: String) {
        self.handler = handler
        self.messageUUID = messageUUID
    }
}
