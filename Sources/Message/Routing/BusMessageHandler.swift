import Entities
import Foundation

/// A handler of one bus message type. Its `name` is stable: it names the consumer group.
public protocol TypedMessageHandler: Sendable {
    associatedtype Handled: BusMessage
    static var name: String { get }
    func handle(_ message: Handled, context: MessageContext) async throws
}

extension TypedMessageHandler {
    /// The handler reading `Handled`'s own topic.
    public func reading(_ topology: BusTopology) -> any MessageHandler {
        BusMessageHandler(handler: self, topic: topology.topic(for: Handled.self))
    }

    /// The key under which this handler applies the effects of a message once.
    public func processingKey(_ context: MessageContext) -> ProcessingKey {
        ProcessingKey(handler: Self.name, messageUUID: context.messageUUID)
    }
}

/// Decodes envelopes for a `TypedMessageHandler`. A payload that is not the handler's message
/// is unprocessable, not retried.
struct BusMessageHandler<Handler: TypedMessageHandler>: MessageHandler {
    let handler: Handler
    let topic: String

    var name: String { Handler.name }

    func handle(_ envelope: Envelope, context: MessageContext) async throws {
        let message: Handler.Handled
        do {
            message = try BusMessageMarshaler.unmarshal(envelope, as: Handler.Handled.self)
        } catch {
            throw UnprocessableMessage(error.description)
        }
        try await handler.handle(message, context: context)
    }
}
