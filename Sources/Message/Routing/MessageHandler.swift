import Foundation
import Logging

/// What a handler knows about the message it handles besides the message itself.
public struct MessageContext: Sendable {
    /// The message UUID (`_watermill_message_uuid`): the key for "applied once per message".
    public var messageUUID: String
    /// The handler's stable name.
    public var handlerName: String
    /// The delivery this is, 1 for the first.
    public var attempt: Int
    /// A logger carrying the message's metadata.
    public var logger: Logger

    public init(messageUUID: String, handlerName: String, attempt: Int, logger: Logger) {
        self.messageUUID = messageUUID
        self.handlerName = handlerName
        self.attempt = attempt
        self.logger = logger
    }
}

/// Handles the messages of one topic. Its name is stable: it names the handler's consumer group,
/// so renaming a handler abandons its group and its place in the stream.
public protocol MessageHandler: Sendable {
    var name: String { get }
    var topic: String { get }
    func handle(_ envelope: Envelope, context: MessageContext) async throws
}

/// A message that no number of retries will handle: it goes to the dead letters at once.
public struct UnprocessableMessage: Error, CustomStringConvertible {
    public var reason: String

    public init(_ reason: String) {
        self.reason = reason
    }

    public var description: String { reason }
}
