import Message
import Entities
import Foundation

/// Refund requests in `refund_requests`, one per ticket: the first request of a ticket publishes
/// `RefundTicket`, later ones change nothing.
public struct PostgresRefundRequests: RefundRequesting {
    let client: PostgresClient
    let bus: MessageBus

    public init(client: PostgresClient, bus: MessageBus) {
        self.client = client
        self.bus = bus
    }

    public func requestRefund(ticketID: UUID, publishing command: RefundTicket) async throws {
        let outgoing = try bus.outgoing(command)
        let known: Bool = try await client.transaction { connection in
            // A ticket is known once confirmed, whether or not its handler has stored it yet; a
            // ticket only ever reported canceled was never sold.
            let known = try !connection.query("""
                SELECT 1 FROM tickets WHERE ticket_id = $1 AND deleted_at IS NULL
                UNION ALL
                SELECT 1 FROM ticket_status_changes WHERE ticket_id = $1 AND status = 'confirmed'
                LIMIT 1
                """, [ticketID]).isEmpty
            guard known else { return false }
            let isFirst = try connection.execute(
                "INSERT INTO refund_requests (ticket_id, idempotency_key) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                [ticketID, command.header.idempotencyKey]
            ) == 1
            if isFirst { try OutboxWriter.append(outgoing, on: connection) }
            return true
        }
        if !known { throw RefundError.ticketNotFound }
    }
}
