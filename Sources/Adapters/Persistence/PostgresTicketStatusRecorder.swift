import Message
import Entities

/// Records Dead Nation's ticket statuses under their idempotency keys and, for each change seen
/// for the first time, its event, all in one transaction.
public struct PostgresTicketStatusRecorder: TicketStatusRecording {
    let client: PostgresClient
    let bus: MessageBus

    public init(client: PostgresClient, bus: MessageBus) {
        self.client = client
        self.bus = bus
    }

    public func record(_ changes: [TicketStatusChange]) async throws {
        let prepared = try changes.map { ($0, try bus.outgoing([$0.event])) }
        try await client.transaction { connection in
            for (change, outgoing) in prepared {
                let ticket = change.ticket
                let isNew = try connection.execute("""
                    INSERT INTO ticket_status_changes
                        (idempotency_key, ticket_id, status, booking_id, customer_email, price_amount, price_currency)
                    VALUES ($1, $2, $3, $4, $5, $6, $7)
                    ON CONFLICT (idempotency_key) DO NOTHING
                    """, [
                        change.idempotencyKey, ticket.ticketID, change.status.rawValue, ticket.bookingID,
                        ticket.customerEmail, ticket.price.amount, ticket.price.currency,
                    ]) == 1
                if isNew { try OutboxWriter.append(outgoing, on: connection) }
            }
        }
    }
}
