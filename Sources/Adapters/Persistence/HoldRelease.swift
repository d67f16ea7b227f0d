import Entities
import Foundation
import Message

/// Ends live holds inside the caller's transaction: marks them released or expired, gives their
/// seats back to their shows and writes a `SeatsReleased_v1` for each, all in one statement
/// plus the outbox rows.
enum HoldRelease {
    /// Releases the live holds of `showID` (of every show when nil) whose time ran out, at most
    /// `limit` of them (all when nil), oldest first. Holds another transaction has locked are
    /// skipped: it is booking, releasing or sweeping them. Returns how many it released.
    static func releaseExpired(limit: Int? = nil, ofShow showID: UUID? = nil, bus: MessageBus, on connection: PostgresConnection) throws -> Int {
        let released = try end(.expired(limit: limit, ofShow: showID), as: .expired, on: connection)
        let events = released.map { $0.released(as: .expired, idempotencyKey: expiryIdempotencyKey(of: $0.holdID)) }
        try OutboxWriter.append(bus.outgoing(events), on: connection)
        return released.count
    }

    /// Runs `take` (a booking or hold of free seats, nil when the show lacks them); when it finds
    /// none, gives back the show's holds whose time ran out and, if that freed any, runs it once
    /// more. So seats of expired holds are free to requests before the sweeper reaches them.
    static func takingExpiredSeatsIfNeeded<Taken>(
        ofShow showID: UUID, bus: MessageBus, on connection: PostgresConnection, _ take: () throws -> Taken?
    ) throws -> Taken? {
        if let taken = try take() { return taken }
        guard try releaseExpired(ofShow: showID, bus: bus, on: connection) > 0 else { return nil }
        return try take()
    }

    /// Releases one hold the caller has locked and found live; false if it was not live.
    static func release(holdID: UUID, as reason: SeatsReleaseReason, idempotencyKey: String, bus: MessageBus, on connection: PostgresConnection) throws -> Bool {
        guard let hold = try end(.one(holdID), as: reason, on: connection).first else { return false }
        try OutboxWriter.append(bus.outgoing([hold.released(as: reason, idempotencyKey: idempotencyKey)]), on: connection)
        return true
    }

    /// Expires one hold the caller has locked and found live but out of time, with the same
    /// event the sweeper would publish for it.
    static func expire(holdID: UUID, bus: MessageBus, on connection: PostgresConnection) throws -> Bool {
        try release(holdID: holdID, as: .expired, idempotencyKey: expiryIdempotencyKey(of: holdID), bus: bus, on: connection)
    }

    /// One key per hold, whoever expires it (the sweeper, a request finding the show full, an
    /// attempt to book it), so consumers see its expiry once.
    private static func expiryIdempotencyKey(of holdID: UUID) -> String {
        "expired-" + holdID.uuidString.lowercased()
    }

    private struct Ended {
        var holdID: UUID
        var showID: UUID
        var numberOfTickets: Int

        func released(as reason: SeatsReleaseReason, idempotencyKey: String) -> SeatsReleased_v1 {
            SeatsReleased_v1(
                header: .new(idempotencyKey: idempotencyKey), holdID: holdID, showID: showID,
                numberOfTickets: numberOfTickets, reason: reason)
        }
    }

    /// Which live holds `end` ends.
    private enum Pick {
        /// One hold, which the caller has locked.
        case one(UUID)
        /// Holds whose time ran out, oldest first, at most `limit` (all when nil), of one show or
        /// of all (nil); those another transaction has locked are skipped.
        case expired(limit: Int?, ofShow: UUID?)
    }

    /// Ends the live holds `pick` names and takes their seats off their shows' `held_seats`. One
    /// constant statement for both picks: `$1` is the one hold, or NULL for the expired ones.
    private static func end(_ pick: Pick, as reason: SeatsReleaseReason, on connection: PostgresConnection) throws -> [Ended] {
        let parameters: [any PostgresEncodable] = switch pick {
        case .one(let holdID): [holdID, UUID?.none, Int?.none, reason.rawValue]
        case .expired(let limit, let showID): [UUID?.none, showID, limit, reason.rawValue]
        }
        return try connection.query("""
            WITH picked AS (
                SELECT hold_id FROM holds
                WHERE state = 'held' AND CASE
                    WHEN $1::uuid IS NOT NULL THEN hold_id = $1::uuid
                    ELSE expires_at <= now() AND ($2::uuid IS NULL OR show_id = $2::uuid)
                END
                ORDER BY expires_at LIMIT $3::bigint FOR UPDATE SKIP LOCKED
            ),
            ended AS (
                UPDATE holds h SET state = $4, ended_at = now() FROM picked
                WHERE h.hold_id = picked.hold_id AND h.state = 'held'
                RETURNING h.hold_id, h.show_id, h.number_of_tickets
            ),
            seats AS (
                UPDATE shows s SET held_seats = s.held_seats - freed.seats
                FROM (SELECT show_id, sum(number_of_tickets)::int AS seats FROM ended GROUP BY show_id) freed
                WHERE s.show_id = freed.show_id
            )
            SELECT hold_id, show_id, number_of_tickets FROM ended
            """, parameters).map { row in
            Ended(
                holdID: try row.decode(column: "hold_id"), showID: try row.decode(column: "show_id"),
                numberOfTickets: try row.decode(column: "number_of_tickets"))
        }
    }
}
