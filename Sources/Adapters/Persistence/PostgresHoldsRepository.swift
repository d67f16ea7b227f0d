import Entities
import Foundation
import Message

/// Holds in the `holds` table, counted in the show's `held_seats` while live.
///
/// Contention: holding seats is the same one-row conditional update of the show as booking them
/// (see `BookingWriter`), on `booked_seats + held_seats`, so a hot show's writers queue briefly on
/// its row and never oversell, never fail with serialization errors, and never sum anything.
/// Booking or releasing a hold locks the hold's row first (`FOR UPDATE`), so of two concurrent
/// attempts on one hold exactly one wins and the other sees what it did. Expiry times come from
/// the database clock, the one clock every instance shares. Holds whose time ran out count as
/// free seats at once: a request that finds the show full gives them back first, and the
/// `HoldExpirySweeper` gives back the rest (and publishes their events) without any request.
public struct PostgresHoldsRepository: HoldsRepository, ExpiredHoldsReleasing {
    let client: PostgresClient
    let bus: MessageBus

    public init(client: PostgresClient, bus: MessageBus) {
        self.client = client
        self.bus = bus
    }

    public func hold(_ request: HoldRequest) async throws -> Hold {
        let outcome: Result<Hold, BookingError> = try await client.transaction { connection in
            guard let hold = try HoldRelease.takingExpiredSeatsIfNeeded(ofShow: request.showID, bus: bus, on: connection, {
                try Self.insert(request, on: connection)
            }) else { return .failure(try BookingWriter.refusal(forShow: request.showID, on: connection)) }
            let event = SeatsHeld_v1(header: .new(idempotencyKey: request.idempotencyKey), hold: hold)
            try OutboxWriter.append(bus.outgoing([event]), on: connection)
            return .success(hold)
        }
        return try outcome.get()
    }

    public func book(holdID: UUID, bookingID: UUID, idempotencyKey: String) async throws -> Booking {
        let outcome: Result<Booking, HoldError> = try await client.transaction { connection in
            guard let hold = try Self.lockHold(holdID, on: connection) else { return .failure(.holdNotFound) }
            if let ended = try Self.endedOrExpired(hold, bus: bus, on: connection) { return .failure(ended) }
            let booking = Booking(
                bookingID: bookingID, showID: hold.showID, numberOfTickets: hold.numberOfTickets, customerEmail: hold.customerEmail)
            let event = BookingMade_v1(header: .new(idempotencyKey: idempotencyKey), booking: booking)
            guard try BookingWriter.insert(booking, seats: .held, publishing: bus.outgoing([event]), on: connection) else {
                throw PostgresError(kind: .query, message: "the show of live hold \(holdID) is missing")
            }
            try connection.execute(
                "UPDATE holds SET state = 'booked', booking_id = $2, ended_at = now() WHERE hold_id = $1", [holdID, bookingID])
            return .success(booking)
        }
        return try outcome.get()
    }

    public func release(holdID: UUID, idempotencyKey: String) async throws {
        let failure: HoldError? = try await client.transaction { connection in
            guard let hold = try Self.lockHold(holdID, on: connection) else { return .holdNotFound }
            switch try Self.endedOrExpired(hold, bus: bus, on: connection) {
            case .alreadyBooked(let bookingID): return .alreadyBooked(bookingID: bookingID)
            case .expired, .released, .holdNotFound: return nil
            case nil:
                _ = try HoldRelease.release(holdID: holdID, as: .released, idempotencyKey: idempotencyKey, bus: bus, on: connection)
                return nil
            }
        }
        if let failure { throw failure }
    }

    public func releaseExpiredHolds(limit: Int) async throws -> Int {
        return try await client.transaction { connection in
            try HoldRelease.releaseExpired(limit: limit, bus: bus, on: connection)
        }
    }

    /// Holds the seats when they are free; nil when the show is unknown or lacks them.
    private static func insert(_ request: HoldRequest, on connection: PostgresConnection) throws -> Hold? {
        try connection.query("""
            WITH seats AS (
                UPDATE shows SET held_seats = held_seats + $3::bigint
                WHERE show_id = $2 AND booked_seats + held_seats + $3::bigint <= number_of_tickets
                RETURNING show_id
            )
            INSERT INTO holds (hold_id, show_id, number_of_tickets, customer_email, expires_at)
            SELECT $1, show_id, $3, $4, now() + make_interval(secs => $5) FROM seats
            RETURNING expires_at
            """, [request.holdID, request.showID, request.numberOfTickets, request.customerEmail, Double(request.ttlSeconds)]
        ).first.map { row in
            Hold(
                holdID: request.holdID, showID: request.showID, numberOfTickets: request.numberOfTickets,
                customerEmail: request.customerEmail, expiresAt: try row.decode(column: "expires_at"))
        }
    }

    private struct LockedHold {
        var holdID: UUID
        var showID: UUID
        var numberOfTickets: Int
        var customerEmail: String
        var state: String
        var bookingID: UUID?
        var timeRanOut: Bool
    }

    /// The hold, locked until the transaction ends; nil when there is none.
    private static func lockHold(_ holdID: UUID, on connection: PostgresConnection) throws -> LockedHold? {
        try connection.query("""
            SELECT show_id, number_of_tickets, customer_email, state, booking_id, expires_at <= now() AS time_ran_out
            FROM holds WHERE hold_id = $1 FOR UPDATE
            """, [holdID]).first.map { row in
            LockedHold(
                holdID: holdID, showID: try row.decode(column: "show_id"), numberOfTickets: try row.decode(column: "number_of_tickets"),
                customerEmail: try row.decode(column: "customer_email"), state: try row.decode(column: "state"),
                bookingID: try row.decode(column: "booking_id"), timeRanOut: try row.decode(column: "time_ran_out"))
        }
    }

    /// Why the locked hold cannot be booked any more, or nil when it is live. A hold whose time
    /// ran out but that is not swept yet is released as expired here.
    private static func endedOrExpired(_ hold: LockedHold, bus: MessageBus, on connection: PostgresConnection) throws -> HoldError? {
        switch hold.state {
        case "booked":
            guard let bookingID = hold.bookingID else { throw PostgresError(kind: .query, message: "booked hold \(hold.holdID) has no booking") }
            return .alreadyBooked(bookingID: bookingID)
        case "released":
            return .released
        case "expired":
            return .expired
        default:
            guard hold.timeRanOut else { return nil }
            _ = try HoldRelease.expire(holdID: hold.holdID, bus: bus, on: connection)
            return .expired
        }
    }
}
