import Adapters
import Entities
import Foundation
import Message
import Testing

@Suite("Postgres refund requests")
struct PostgresRefundRequestsTests {
    @Test("a ticket never confirmed is ticketNotFound and nothing is written")
    func unknownTicketIsNotFound() async throws {
        try await PersistenceTestContext.run { context in
            let ticketID = UUID()
            await #expect(throws: RefundError.ticketNotFound) {
                try await Self.refunds(context).requestRefund(ticketID: ticketID, publishing: Self.command(for: ticketID))
            }
            let written = try await context.rowCounts(of: [.refundRequests, .outbox])
            #expect(written == [.refundRequests: 0, .outbox: 0])
        }
    }

    @Test("a ticket only reported canceled is ticketNotFound")
    func canceledOnlyTicketIsNotFound() async throws {
        try await PersistenceTestContext.run { context in
            let ticket = PersistenceSamples.ticket()
            try await PostgresTicketStatusRecorder(client: context.postgres, bus: context.bus)
                .record([PersistenceSamples.statusChange(ticket, .canceled, requestKey: "request-1")])
            let outboxBefore = try await context.rowCount(of: .outbox)

            await #expect(throws: RefundError.ticketNotFound) {
                try await Self.refunds(context).requestRefund(ticketID: ticket.ticketID, publishing: Self.command(for: ticket.ticketID))
            }
            #expect(try await context.rowCount(of: .refundRequests) == 0)
            #expect(try await context.rowCount(of: .outbox) == outboxBefore)
        }
    }

    @Test("a confirmed status makes the ticket known before its tickets row exists")
    func confirmedStatusMakesTheTicketKnown() async throws {
        try await PersistenceTestContext.run { context in
            let ticket = PersistenceSamples.ticket()
            try await PostgresTicketStatusRecorder(client: context.postgres, bus: context.bus)
                .record([PersistenceSamples.statusChange(ticket, .confirmed, requestKey: "request-1")])
            try await context.postgres.execute("DELETE FROM outbox")
            #expect(try await context.rowCount(of: .tickets) == 0)

            let command = Self.command(for: ticket.ticketID)
            try await Self.refunds(context).requestRefund(ticketID: ticket.ticketID, publishing: command)

            let outbox = try await context.outbox()
            #expect(outbox.map(\.topic) == ["commands.RefundTicket"])
            let envelope = try #require(outbox.first?.envelope)
            #expect(envelope.metadata[MetadataKey.name] == "RefundTicket")
            #expect(try BusMessageMarshaler.unmarshal(envelope, as: RefundTicket.self) == command)
            let row = try await context.postgres.query("SELECT ticket_id, idempotency_key FROM refund_requests")
            #expect(try row.map { try $0.decode(UUID.self, column: "ticket_id") } == [ticket.ticketID])
            #expect(try row.map { try $0.decode(String.self, column: "idempotency_key") } == [command.header.idempotencyKey])
        }
    }

    @Test("a stored ticket is known without a recorded status")
    func storedTicketIsKnown() async throws {
        try await PersistenceTestContext.run { context in
            let ticket = PersistenceSamples.ticket()
            try await PostgresTicketsRepository(client: context.postgres)
                .storeConfirmed(ticket, once: PersistenceSamples.processingKey(handler: "StoreTicket"))

            try await Self.refunds(context).requestRefund(ticketID: ticket.ticketID, publishing: Self.command(for: ticket.ticketID))
            #expect(try await context.rowCount(of: .refundRequests) == 1)
            #expect(try await context.outbox().map(\.topic) == ["commands.RefundTicket"])
        }
    }

    @Test("a second request of the same ticket succeeds and changes nothing")
    func secondRequestChangesNothing() async throws {
        try await PersistenceTestContext.run { context in
            let ticket = PersistenceSamples.ticket()
            try await PostgresTicketsRepository(client: context.postgres)
                .storeConfirmed(ticket, once: PersistenceSamples.processingKey(handler: "StoreTicket"))
            let first = Self.command(for: ticket.ticketID)
            try await Self.refunds(context).requestRefund(ticketID: ticket.ticketID, publishing: first)
            try await Self.refunds(context).requestRefund(ticketID: ticket.ticketID, publishing: Self.command(for: ticket.ticketID))

            #expect(try await context.rowCount(of: .refundRequests) == 1)
            let outbox = try await context.outbox()
            #expect(outbox.count == 1)
            #expect(try BusMessageMarshaler.unmarshal(try #require(outbox.first).envelope, as: RefundTicket.self) == first)
        }
    }

    private static func refunds(_ context: PersistenceTestContext) -> PostgresRefundRequests {
        PostgresRefundRequests(client: context.postgres, bus: context.bus)
    }

    /// The command of one refund request, under a key of its own.
    private static func command(for ticketID: UUID) -> RefundTicket {
        RefundTicket(header: .new(idempotencyKey: "refund-\(UUID().uuidString.lowercased())"), ticketID: ticketID)
    }
}
