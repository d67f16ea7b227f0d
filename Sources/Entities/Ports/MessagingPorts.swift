import Foundation

/// Publishes events through the outbox on behalf of a handler, once per processing key.
public protocol EventPublishing: Sendable {
    func publish(_ events: [any BusMessage], once key: ProcessingKey) async throws
}

/// Remembers which handler processed which message, for handlers whose effect is a call
/// outside (so it cannot share a transaction with the record).
public protocol ProcessedMessages: Sendable {
    /// Runs `effect` unless `key` was processed; records `key` after it succeeded.
    func once(_ key: ProcessingKey, _ effect: @Sendable () async throws -> Void) async throws
}

/// The data lake: every public event, once.
public protocol DataLake: Sendable {
    func store(eventID: UUID, name: String, publishedAt: Date, payload: Data) async throws
    /// Every stored event, oldest first: its name and JSON payload.
    func allEvents() async throws -> [(name: String, payload: Data)]
}

/// The ops read model (CONTRACT.md §5).
public protocol OpsReadModelRepository: Sendable {
    /// Applies a change once per key; when a booking's document changed, publishes
    /// `InternalOpsReadModelUpdated` in the same transaction with `idempotencyKey`.
    func apply(_ change: OpsReadModelChange, once key: ProcessingKey, idempotencyKey: String) async throws
    func booking(id: UUID) async throws -> OpsBooking?
    /// Bookings in id order after `after`; with `receiptIssuedOn`, only those with a ticket whose
    /// receipt was issued on that UTC day (`YYYY-MM-DD`).
    func bookings(receiptIssuedOn day: String?, after: UUID?, limit: Int) async throws -> [OpsBooking]
    /// Throws the read model away and applies `changes` afresh, in one transaction.
    func replace(with changes: [OpsReadModelChange]) async throws
}
