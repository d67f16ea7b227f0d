import Foundation
import Message
import Synchronization

/// What test handlers were called with, across consumers, for tests to wait on and check.
final class DeliveryLog: Sendable {
    /// One call of a handler.
    struct Call: Sendable {
        let uuid: String
        let payload: Data
        let attempt: Int
        let consumer: String
    }

    private struct State {
        var calls: [Call] = []
        var handled: [String: Int] = [:]
    }

    private let state = Mutex(State())

    func started(_ envelope: Envelope, attempt: Int, consumer: String) {
        state.withLock {
            $0.calls.append(Call(uuid: envelope.uuid, payload: envelope.payload, attempt: attempt, consumer: consumer))
        }
    }

    func handled(_ uuid: String) {
        state.withLock { $0.handled[uuid, default: 0] += 1 }
    }

    var calls: [Call] { state.withLock { $0.calls } }

    /// The messages handled successfully, each once however often it was.
    var handledUUIDs: Set<String> { state.withLock { Set($0.handled.keys) } }

    /// How often each message was handled successfully.
    var handledCounts: [String: Int] { state.withLock { $0.handled } }

    func attempts(of uuid: String) -> [Int] {
        calls.filter { $0.uuid == uuid }.map(\.attempt)
    }

    func hasHandled(all uuids: some Sequence<String>) -> Bool {
        handledUUIDs.isSuperset(of: uuids)
    }
}

/// A handler whose behaviour the test chooses; every call is logged with the consumer's label.
struct ScriptedHandler: MessageHandler {
    let name: String
    let topic: String
    let log: DeliveryLog
    /// Which consumer runs this handler instance, for the log.
    var consumer = "consumer"
    var behaviour: @Sendable (Envelope, MessageContext) async throws -> Void = { _, _ in }

    func handle(_ envelope: Envelope, context: MessageContext) async throws {
        log.started(envelope, attempt: context.attempt, consumer: consumer)
        try await behaviour(envelope, context)
        log.handled(envelope.uuid)
    }
}

/// A handler failure a test asked for.
struct ScriptedFailure: Error, CustomStringConvertible {
    let description: String
}
