import Entities
import ServiceContextModule

/// A `MessageBus` that remembers the correlation id and trace of the task that made it, for
/// messages made where those task locals are gone: inside a transaction body, which runs on a
/// blocking thread, when the message depends on what the transaction read (e.g. a time the
/// database set).
public struct TaskContextBus: Sendable {
    let bus: MessageBus
    let correlationID: String?
    let context: ServiceContext?

    public func outgoing(_ messages: [any BusMessage]) throws -> [OutgoingMessage] {
        try Correlation.$id.withValue(correlationID) {
            try ServiceContext.withValue(context) { try bus.outgoing(messages) }
        }
    }
}

extension MessageBus {
    /// This bus with the calling task's correlation id and trace, to use off the task.
    public func capturingTaskContext() -> TaskContextBus {
        TaskContextBus(bus: self, correlationID: Correlation.id, context: ServiceContext.current)
    }
}
