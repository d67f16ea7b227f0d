import Foundation

/// Seats of a show set aside for a customer until `expiresAt`: they count against the show's
/// capacity until the hold is booked, released or expires.
public struct Hold: Sendable, Equatable {
    public var holdID: UUID
    public var showID: UUID
    public var numberOfTickets: Int
    public var customerEmail: String
    /// Set by the database clock when the hold is stored, so that every instance agrees on it.
    public var expiresAt: Date

    public init(holdID: UUID, showID: UUID, numberOfTickets: Int, customerEmail: String, expiresAt: Date) {
        self.holdID = holdID
        self.showID = showID
        self.numberOfTickets = numberOfTickets
        self.customerEmail = customerEmail
        self.expiresAt = expiresAt
    }
}

/// What a customer asks to hold: `numberOfTickets` seats of a show for `ttlSeconds`.
public struct HoldRequest: Sendable, Equatable {
    public var holdID: UUID
    public var showID: UUID
    public var numberOfTickets: Int
    public var customerEmail: String
    public var ttlSeconds: Int
    /// Carried by `SeatsHeld_v1` (the request's `Idempotency-Key`, or the hold id).
    public var idempotencyKey: String

    public init(holdID: UUID, showID: UUID, numberOfTickets: Int, customerEmail: String, ttlSeconds: Int, idempotencyKey: String) {
        self.holdID = holdID
        self.showID = showID
        self.numberOfTickets = numberOfTickets
        self.customerEmail = customerEmail
        self.ttlSeconds = ttlSeconds
        self.idempotencyKey = idempotencyKey
    }
}

/// Why a hold could not be booked or released. Holding seats fails with `BookingError`
/// (unknown show, not enough seats), as booking them does.
public enum HoldError: Error, Equatable {
    case holdNotFound
    /// The hold's time ran out before it was booked.
    case expired
    /// The hold was released before it was booked.
    case released
    /// The hold was booked already, as `bookingID`.
    case alreadyBooked(bookingID: UUID)
}

/// Why a hold's seats went back to the show (`reason` of `SeatsReleased_v1`).
public enum SeatsReleaseReason: String, Sendable, Codable, CaseIterable {
    /// `DELETE /holds/{hold_id}`.
    case released
    /// Its time ran out.
    case expired
}
