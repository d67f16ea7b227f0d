import Adapters
import Entities
import Foundation
import Testing

@Suite("Postgres tickets repository")
struct PostgresTicketsRepositoryTests {
    static let storeHandler = "StoreTicket"
    static let cancelHandler = "MarkTicketCanceled"

    @Test("a confirmed ticket is active, with its amount read back with two decimals")
    func confirmedTicketIsActive() async throws {
        try await PersistenceTestContext.run { context in
            let tickets = PostgresTicketsRepository(client: context.postgres)
            let whole = PersistenceSamples.ticket(amount: "100")
            let half = PersistenceSamples.ticket(amount: "7.5", currency: "USD")
            try await tickets.storeConfirmed(whole, once: PersistenceSamples.processingKey(handler: Self.storeHandler))
            try await tickets.storeConfirmed(half, once: PersistenceSamples.processingKey(handler: Self.storeHandler))

            var expected = [whole, half]
            expected[0].price.amount = "100.00"
            expected[1].price.amount = "7.50"
            let active = try await tickets.activeTickets()
            #expect(Dictionary(uniqueKeysWithValues: active.map { ($0.ticketID, $0) })
                == Dictionary(uniqueKeysWithValues: expected.map { ($0.ticketID, $0) }))
        }
    }

    @Test("a ticket canceled after its confirmation is not active")
    func cancelAfterConfirmation() async throws {
        try await PersistenceTestContext.run { context in
            let tickets = PostgresTicketsRepository(client: context.postgres)
            let ticket = PersistenceSamples.ticket()
            try await tickets.storeConfirmed(ticket, once: PersistenceSamples.processingKey(handler: Self.storeHandler))
            try await tickets.markCanceled(ticket, once: PersistenceSamples.processingKey(handler: Self.cancelHandler))

            #expect(try await tickets.activeTickets().isEmpty)
            #expect(try await Self.isDeleted(ticket, in: context))
        }
    }

    @Test("a ticket canceled before its confirmation arrives stays canceled")
    func cancelBeforeConfirmation() async throws {
        try await PersistenceTestContext.run { context in
            let tickets = PostgresTicketsRepository(client: context.postgres)
            let ticket = PersistenceSamples.ticket()
            try await tickets.markCanceled(ticket, once: PersistenceSamples.processingKey(handler: Self.cancelHandler))
            try await tickets.storeConfirmed(ticket, once: PersistenceSamples.processingKey(handler: Self.storeHandler))

            #expect(try await tickets.activeTickets().isEmpty)
            #expect(try await Self.isDeleted(ticket, in: context))
            #expect(try await context.rowCount(of: .tickets) == 1)
        }
    }

    @Test("a confirmation under an already used key is skipped")
    func confirmationUnderUsedKeyIsSkipped() async throws {
        try await PersistenceTestContext.run { context in
            let tickets = PostgresTicketsRepository(client: context.postgres)
            let key = PersistenceSamples.processingKey(handler: Self.storeHandler)
            let first = PersistenceSamples.ticket()
            try await tickets.storeConfirmed(first, once: key)
            try await tickets.storeConfirmed(PersistenceSamples.ticket(), once: key)

            #expect(try await tickets.activeTickets().map(\.ticketID) == [first.ticketID])
        }
    }

    @Test("a cancel under an already used key is skipped, and a redelivered confirmation too")
    func cancelUnderUsedKeyIsSkipped() async throws {
        try await PersistenceTestContext.run { context in
            let tickets = PostgresTicketsRepository(client: context.postgres)
            let canceled = PersistenceSamples.ticket()
            let cancelKey = PersistenceSamples.processingKey(handler: Self.cancelHandler)
            try await tickets.markCanceled(canceled, once: cancelKey)
            try await tickets.markCanceled(canceled, once: cancelKey)

            let confirmed = PersistenceSamples.ticket()
            let confirmKey = PersistenceSamples.processingKey(handler: Self.storeHandler)
            try await tickets.storeConfirmed(confirmed, once: confirmKey)
            // The cancel of `confirmed` under the store's key: one key, one effect.
            try await tickets.markCanceled(confirmed, once: confirmKey)

            #expect(try await tickets.activeTickets().map(\.ticketID) == [confirmed.ticketID])
            #expect(try await context.rowCount(of: .tickets) == 2)
            #expect(try await context.rowCount(of: .processedMessages) == 2)
        }
    }

    @Test("the same message processed by two handlers counts for each")
    func keysAreHandlerScoped() async throws {
        try await PersistenceTestContext.run { context in
            let tickets = PostgresTicketsRepository(client: context.postgres)
            let ticket = PersistenceSamples.ticket()
            let messageUUID = UUID().uuidString.lowercased()
            try await tickets.storeConfirmed(ticket, once: ProcessingKey(handler: Self.storeHandler, messageUUID: messageUUID))
            try await tickets.markCanceled(ticket, once: ProcessingKey(handler: Self.cancelHandler, messageUUID: messageUUID))

            #expect(try await tickets.activeTickets().isEmpty)
        }
    }

    @Test("a ticket the database refuses fails with its SQLSTATE and leaves its key unclaimed")
    func refusedTicketLeavesKeyUnclaimed() async throws {
        try await PersistenceTestContext.run { context in
            let tickets = PostgresTicketsRepository(client: context.postgres)
            let key = PersistenceSamples.processingKey(handler: Self.storeHandler)
            let error = await #expect(throws: PostgresError.self) {
                try await tickets.storeConfirmed(PersistenceSamples.ticket(amount: "ten"), once: key)
            }
            #expect(error?.sqlState == "22P02")
            #expect(try await context.rowCount(of: .processedMessages) == 0)

            let ticket = PersistenceSamples.ticket()
            try await tickets.storeConfirmed(ticket, once: key)
            #expect(try await tickets.activeTickets().map(\.ticketID) == [ticket.ticketID])
        }
    }

    @Test("no tickets, no active tickets")
    func noTickets() async throws {
        try await PersistenceTestContext.run { context in
            let active = try await PostgresTicketsRepository(client: context.postgres).activeTickets()
            #expect(active.isEmpty)
        }
    }

    private static func isDeleted(_ ticket: Ticket, in context: PersistenceTestContext) async throws -> Bool {
        try await context.postgres.query("SELECT deleted_at IS NOT NULL AS deleted FROM tickets WHERE ticket_id = $1", [ticket.ticketID])[0]
            .decode(column: "deleted")
    }
}
