import Foundation

/// Holds seats and turns holds into bookings or releases them, never letting a show's booked
/// plus held seats exceed its capacity, however many requests run at once.
public protocol HoldsRepository: Sendable {
    /// Holds the seats when the show has them free and publishes `SeatsHeld_v1` in the same
    /// transaction; throws `BookingError` (unknown show, not enough seats).
    func hold(_ request: HoldRequest) async throws -> Hold
    /// Turns a live hold into the booking `bookingID` and publishes its `BookingMade_v1` (with
    /// `idempotencyKey`) in the same transaction; throws `HoldError`. A hold found expired is
    /// released on the way (its seats go back at once).
    func book(holdID: UUID, bookingID: UUID, idempotencyKey: String) async throws -> Booking
    /// Gives a live hold's seats back and publishes `SeatsReleased_v1`; a hold released or
    /// expired already stays as it is (no error, no event). Throws `HoldError.holdNotFound` and
    /// `.alreadyBooked`.
    func release(holdID: UUID, idempotencyKey: String) async throws
}

/// Gives the seats of holds whose time ran out back to their shows.
public protocol ExpiredHoldsReleasing: Sendable {
    /// Releases up to `limit` expired holds, each with its `SeatsReleased_v1` in the same
    /// transaction; returns how many it released.
    func releaseExpiredHolds(limit: Int) async throws -> Int
}
