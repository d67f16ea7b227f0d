import Foundation

/// The header every event and command carries (`"header"` on the wire).
///
/// `id` is new for every event; `idempotencyKey` is carried over from the message that caused the
/// event, so that retries of the same cause deduplicate at the external gateway.
public struct EventHeader: Sendable, Hashable, Codable {
    @LowercaseUUID public var id: UUID
    /// When the event was made; RFC3339 with nanoseconds, UTC, on the wire.
    public var publishedAt: Date
    public var idempotencyKey: String

    public init(id: UUID, publishedAt: Date, idempotencyKey: String) {
        self.id = id
        self.publishedAt = publishedAt
        self.idempotencyKey = idempotencyKey
    }

    /// A header for a new event: a fresh id, published now, carrying the cause's idempotency key.
    public static func new(idempotencyKey: String) -> EventHeader {
        EventHeader(id: UUID(), publishedAt: Date(), idempotencyKey: idempotencyKey)
    }

    enum CodingKeys: String, CodingKey {
        case id
        case publishedAt = "published_at"
        case idempotencyKey = "idempotency_key"
    }
}
