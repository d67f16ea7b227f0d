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
    static func releaseExpired(limit: Int? = nil, ofShow showID: UUID? = nil, bus: TaskContextBus, on connection: PostgresConnection) throws -> Int {
        let ofShow = showID == nil ? "" : "AND show_id = $2"
        let parameters: [any PostgresEncodable] = showID.map { [limit, $0] } ?? [limit]
        let released = try end(
            picking: """
                SELECT hold_id FROM holds WHERE state = 'held' AND expires_at <= now() \(ofShow)
                ORDER BY expires_at LIMIT $1 FOR UPDATE SKIP LOCKED
                """,
            parameters,
            as: .expired, on: connection)
        let events = released.map { hold in
            SeatsReleased_v1(
                header: .new(idempotencyKey: "expired-\(hold.holdID.uuidString.lowercased())"), holdID: hold.holdID,
                showID: hold.showID, numberOfTickets: hold.numberOfTickets, reason: .expired)
        }
        try OutboxWriter.append(bus.outgoing(events), on: connection)
        return released.count
    }

    /// Releases one hold the caller has locked and found live; false if it was not live.
    static func release(holdID: UUID, as reason: SeatsReleaseReason, idempotencyKey: String, bus: TaskContextBus, on connection: PostgresConnection) throws -> Bool {
        guard let hold = try end(picking: "SELECT $1::uuid AS hold_id", [holdID], as: reason, on: connection).first else { return false }
        let event = SeatsReleased_v1(
            header: .new(idempotencyKey: idempotencyKey), holdID: hold.holdID, showID: hold.showID,
            numberOfTickets: hold.numberOfTickets, reason: reason)
        try OutboxWriter.append(bus.outgoing([event]), on: connection)
        return true
    }

    private struct Ended {
        var holdID: UUID
        var showID: UUID
        var numberOfTickets: Int
    }

    /// Ends the live holds among those `selection` picks (a query with a `hold_id` column over
    /// `parameters`) and takes their seats off their shows' `held_seats`.
    private static func end(picking selection: String, _ parameters: [any PostgresEncodable], as reason: SeatsReleaseReason, on connection: PostgresConnection) throws -> [Ended] {
        try connection.query("""
            WITH picked AS (\(selection)),
            ended AS (
                UPDATE holds h SET state = $\(parameters.count + 1), ended_at = now() FROM picked
                WHERE h.hold_id = picked.hold_id AND h.state = 'held'
                RETURNING h.hold_id, h.show_id, h.number_of_tickets
            ),
            seats AS (
                UPDATE shows s SET held_seats = s.held_seats - freed.seats
                FROM (SELECT show_id, sum(number_of_tickets)::int AS seats FROM ended GROUP BY show_id) freed
                WHERE s.show_id = freed.show_id
            )
            SELECT hold_id, show_id, number_of_tickets FROM ended
            """, parameters + [reason.rawValue]).map { row in
            Ended(
                holdID: try row.decode(column: "hold_id"), showID: try row.decode(column: "show_id"),
                numberOfTickets: try row.decode(column: "number_of_tickets"))
        }
    }
}
