import Entities
import Foundation
import Message
import Synchronization

/// A `MessageHandler` that records every call and then does what the test asks (`behaviour`).
final class RecordingHandler: MessageHandler {
    /// One call of `handle`.
    struct Call: Sendable, Equatable {
        var messageUUID: String
        var attempt: Int
        var handlerName: String
        /// `Correlation.id` as the handler saw it.
        var correlationID: String?
    }

    let name: String
    let topic: String
    private let behaviour: @Sendable (Envelope, MessageContext) async throws -> Void
    private let recorded = Mutex<[Call]>([])

    init(name: String, topic: String, behaviour: @escaping @Sendable (Envelope, MessageContext) async throws -> Void = { _, _ in }) {
        self.name = name
        self.topic = topic
        self.behaviour = behaviour
    }

    func handle(_ envelope: Envelope, context: MessageContext) async throws {
        let call = Call(messageUUID: envelope.uuid, attempt: context.attempt, handlerName: context.handlerName, correlationID: Correlation.id)
        recorded.withLock { $0.append(call) }
        try await behaviour(envelope, context)
    }

    var calls: [Call] { recorded.withLock { $0 } }

    /// The attempts `handle` was called with for the message `uuid`, in order.
    func attempts(of uuid: String) -> [Int] {
        calls.filter { $0.messageUUID == uuid }.map(\.attempt)
    }

    var handledUUIDs: Set<String> { Set(calls.map(\.messageUUID)) }
}

/// A handler failure on purpose.
struct HandlerFailure: Error, CustomStringConvertible {
    var description: String { "handler failed on purpose" }
}
