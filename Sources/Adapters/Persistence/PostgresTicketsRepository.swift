import Message
import Entities
import Foundation

/// Confirmed tickets in `tickets`; a cancel sets `deleted_at`, and a confirmation arriving after
/// the cancel leaves it set, so the order of the two does not matter.
public struct PostgresTicketsRepository: TicketsRepository {
    let client: PostgresClient

    public init(client: PostgresClient) {
        self.client = client
    }

    public func storeConfirmed(_ ticket: Ticket, once key: ProcessingKey) async throws {
        try await client.transaction { connection in
            guard try ProcessedMessageLedger.claim(key, on: connection) else { return }
            try connection.execute("""
                INSERT INTO tickets (ticket_id, booking_id, price_amount, price_currency, customer_email)
                VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (ticket_id) DO NOTHING
                """, Self.parameters(ticket))
        }
    }

    public func markCanceled(_ ticket: Ticket, once key: ProcessingKey) async throws {
        try await client.transaction { connection in
            guard try ProcessedMessageLedger.claim(key, on: connection) else { return }
            try connection.execute("""
                INSERT INTO tickets (ticket_id, booking_id, price_amount, price_currency, customer_email, deleted_at)
                VALUES ($1, $2, $3, $4, $5, now())
                ON CONFLICT (ticket_id) DO UPDATE SET deleted_at = COALESCE(tickets.deleted_at, now())
                """, Self.parameters(ticket))
        }
    }

    public func activeTickets() async throws -> [Ticket] {
        try await client.query("""
            SELECT ticket_id, booking_id, price_amount, price_currency, customer_email
            FROM tickets WHERE deleted_at IS NULL ORDER BY created_at, ticket_id
            """).map { row in
            Ticket(
                ticketID: try row.decode(column: "ticket_id"),
                customerEmail: try row.decode(column: "customer_email"),
                price: Money(amount: try row.decode(column: "price_amount"), currency: try row.decode(column: "price_currency")),
                bookingID: try row.decode(column: "booking_id")
            )
        }
    }

    private static func parameters(_ ticket: Ticket) -> [any PostgresEncodable] {
        [ticket.ticketID, ticket.bookingID, ticket.price.amount, ticket.price.currency, ticket.customerEmail]
    }
}
