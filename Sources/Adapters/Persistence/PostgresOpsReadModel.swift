import Message
import Entities
import Foundation

/// The ops read model over PostgreSQL. Events are folded into facts per booking
/// (`ops_booking_facts`) and per ticket (`ops_ticket_facts`) with the commutative merge of
/// `OpsReadModelProjection`; the document of a booking in `read_model_ops_bookings` is rebuilt
/// from its facts whenever they change. A ticket event that arrives before its booking is known
/// (receipt, print and refund events carry no booking id) waits in its ticket's facts until the
/// confirmation names the booking.
///
/// Locking: a change holds the booking's facts row (then the ticket's) for the rest of its
/// transaction, so two changes of one booking never build its document from each other's
/// half-written facts. The rare lock cycle is a deadlock that Postgres breaks and the
/// transaction helper retries.
public struct PostgresOpsReadModel: OpsReadModelRepository {
    let client: PostgresClient
    let bus: MessageBus

    public init(client: PostgresClient, bus: MessageBus) {
        self.client = client
        self.bus = bus
    }

    public func apply(_ change: OpsReadModelChange, once key: ProcessingKey, idempotencyKey: String) async throws {
        try await client.transaction { connection in
            guard try ProcessedMessageLedger.claim(key, on: connection) else { return }
            guard let bookingID = try Self.apply(change, on: connection) else { return }
            let document = try Self.rebuildDocument(of: bookingID, on: connection)
            try Self.store(document, on: connection)
            let updated = InternalOpsReadModelUpdated(header: .new(idempotencyKey: idempotencyKey), bookingID: bookingID)
            try OutboxWriter.append(try bus.outgoing(updated), on: connection)
        }
    }

    public func booking(id: UUID) async throws -> OpsBooking? {
        try await client.query("SELECT payload FROM read_model_ops_bookings WHERE booking_id = $1", [id])
            .first.map { try Self.decode($0.decode(PostgresJSON.self, column: "payload")) }
    }

    public func bookings(receiptIssuedOn day: String?, after: UUID?, limit: Int) async throws -> [OpsBooking] {
        try await client.query("""
            SELECT payload FROM read_model_ops_bookings AS document
            WHERE ($1::date IS NULL OR EXISTS (
                    SELECT 1 FROM ops_ticket_facts AS ticket
                    WHERE ticket.booking_id = document.booking_id
                      AND ticket.receipt_issued_at >= $1::date::timestamp AT TIME ZONE 'UTC'
                      AND ticket.receipt_issued_at < ($1::date + 1)::timestamp AT TIME ZONE 'UTC'))
              AND ($2::uuid IS NULL OR document.booking_id > $2::uuid)
            ORDER BY document.booking_id
            LIMIT $3
            """, [day, after, limit]).map { try Self.decode($0.decode(PostgresJSON.self, column: "payload")) }
    }

    public func replace(with changes: [OpsReadModelChange]) async throws {
        try await client.transaction { connection in
            try connection.execute("TRUNCATE read_model_ops_bookings, ops_booking_facts, ops_ticket_facts")
            var touched = Set<UUID>()
            for change in changes {
                if let bookingID = try Self.apply(change, on: connection) { touched.insert(bookingID) }
            }
            for bookingID in touched {
                try Self.store(try Self.rebuildDocument(of: bookingID, on: connection), on: connection)
            }
        }
    }

    // MARK: Facts

    /// Folds one change into the facts; returns the booking whose document must be rebuilt, if
    /// the booking is known.
    private static func apply(_ change: OpsReadModelChange, on connection: PostgresConnection) throws -> UUID? {
        switch change {
        case let .booking(bookingID, bookedAt, at):
            try connection.executeDeferred("""
                INSERT INTO ops_booking_facts (booking_id, booked_at, last_update) VALUES ($1, $2, $3)
                ON CONFLICT (booking_id) DO UPDATE SET
                    booked_at = LEAST(ops_booking_facts.booked_at, excluded.booked_at),
                    last_update = GREATEST(ops_booking_facts.last_update, excluded.last_update)
                """, [bookingID, bookedAt, at])
            return bookingID

        case let .ticket(ticketID, namedBooking, facts, at):
            let knownBooking = try namedBooking ?? connection.query(
                "SELECT booking_id FROM ops_ticket_facts WHERE ticket_id = $1", [ticketID]
            ).first?.decode(UUID?.self, column: "booking_id")
            if let knownBooking { try lockBooking(knownBooking, on: connection) }

            // Creates the ticket's facts if new; the no-op update on conflict locks the row and
            // returns it, in one round trip.
            let row = try connection.query("""
                INSERT INTO ops_ticket_facts (ticket_id, facts, last_update) VALUES ($1, '{}', $2)
                ON CONFLICT (ticket_id) DO UPDATE SET ticket_id = excluded.ticket_id
                RETURNING booking_id, facts, last_update
                """, [ticketID, at])[0]
            let merged = OpsReadModelProjection.merge(try decodeFacts(row.decode(PostgresJSON.self, column: "facts")), facts)
            let bookingID = try row.decode(UUID?.self, column: "booking_id") ?? knownBooking
            if let bookingID, bookingID != knownBooking { try lockBooking(bookingID, on: connection) }
            try connection.executeDeferred("""
                UPDATE ops_ticket_facts
                SET booking_id = $2, facts = $3, last_update = GREATEST(last_update, $4), receipt_issued_at = $5
                WHERE ticket_id = $1
                """, [ticketID, bookingID, try PostgresJSON(encoding: merged, using: Coding.encoder), at, merged.receiptIssuedAt])
            return bookingID
        }
    }

    /// Makes sure the booking has a facts row and holds its lock until the transaction ends: the
    /// no-op update on conflict takes the row lock, in one round trip.
    private static func lockBooking(_ bookingID: UUID, on connection: PostgresConnection) throws {
        try connection.execute("""
            INSERT INTO ops_booking_facts (booking_id) VALUES ($1)
            ON CONFLICT (booking_id) DO UPDATE SET booking_id = excluded.booking_id
            """, [bookingID])
    }

    /// The booking's facts and its tickets' in one query (every ticket naming the booking has
    /// made its facts row first, in `lockBooking`).
    private static func rebuildDocument(of bookingID: UUID, on connection: PostgresConnection) throws -> OpsBooking {
        let rows = try connection.query("""
            SELECT booking.booked_at, booking.last_update AS booking_last_update,
                   ticket.ticket_id, ticket.facts, ticket.last_update
            FROM ops_booking_facts AS booking
            LEFT JOIN ops_ticket_facts AS ticket ON ticket.booking_id = booking.booking_id
            WHERE booking.booking_id = $1
            """, [bookingID])
        var ticketFacts: [UUID: (facts: OpsTicket, lastUpdate: Date)] = [:]
        for row in rows {
            guard let ticketID = try row.decode(UUID?.self, column: "ticket_id") else { continue }
            ticketFacts[ticketID] = (
                try decodeFacts(row.decode(PostgresJSON.self, column: "facts")),
                try row.decode(Date.self, column: "last_update")
            )
        }
        return OpsReadModelProjection.document(
            bookingID: bookingID,
            bookedAt: try rows.first?.decode(Date?.self, column: "booked_at"),
            bookingLastUpdate: try rows.first?.decode(Date?.self, column: "booking_last_update"),
            tickets: ticketFacts
        )
    }

    /// Deferred to the COMMIT's round trip: nothing in the transaction reads the document back.
    private static func store(_ document: OpsBooking, on connection: PostgresConnection) throws {
        try connection.executeDeferred("""
            INSERT INTO read_model_ops_bookings (booking_id, payload) VALUES ($1, $2)
            ON CONFLICT (booking_id) DO UPDATE SET payload = excluded.payload
            """, [document.bookingID, try PostgresJSON(encoding: document, using: Coding.encoder)])
    }

    // MARK: JSON

    private static func decodeFacts(_ json: PostgresJSON) throws -> OpsTicket {
        try json.decode(OpsTicket.self, using: Coding.decoder)
    }

    private static func decode(_ json: PostgresJSON) throws -> OpsBooking {
        try json.decode(OpsBooking.self, using: Coding.decoder)
    }

    /// RFC 3339 times, as the contract shows the document.
    private enum Coding {
        static let encoder = MessageJSON.makeEncoder()
        static let decoder = MessageJSON.makeDecoder()
    }
}
