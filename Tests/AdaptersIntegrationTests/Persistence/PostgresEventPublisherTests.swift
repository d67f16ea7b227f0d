import Adapters
import Entities
import Foundation
import Message
import Testing

@Suite("Postgres event publisher")
struct PostgresEventPublisherTests {
    @Test("a handler's events go to the outbox, each on its topics")
    func eventsGoToTheOutbox() async throws {
        try await PersistenceTestContext.run { context in
            let publisher = PostgresEventPublisher(client: context.postgres, bus: context.bus)
            let ticketID = UUID()
            let printed = TicketPrinted_v1(header: .new(idempotencyKey: "k"), ticketID: ticketID, fileName: "f.html")
            let refunded = TicketRefunded_v1(header: .new(idempotencyKey: "k"), ticketID: ticketID)
            try await publisher.publish([printed, refunded], once: PersistenceSamples.processingKey(handler: "PrintTicket"))

            let outbox = try await context.outbox()
            #expect(outbox.map(\.topic) == ["events", "events.TicketPrinted_v1", "events", "events.TicketRefunded_v1"])
            #expect(try BusMessageMarshaler.unmarshal(outbox[0].envelope, as: TicketPrinted_v1.self) == printed)
            #expect(try BusMessageMarshaler.unmarshal(outbox[2].envelope, as: TicketRefunded_v1.self) == refunded)
        }
    }

    @Test("a redelivered message publishes nothing again")
    func sameKeyPublishesOnce() async throws {
        try await PersistenceTestContext.run { context in
            let publisher = PostgresEventPublisher(client: context.postgres, bus: context.bus)
            let key = PersistenceSamples.processingKey(handler: "PrintTicket")
            try await publisher.publish([Self.printed()], once: key)
            let published = try await context.outbox()
            try await publisher.publish([Self.printed()], once: key)

            #expect(try await context.outbox() == published)
            #expect(published.count == 2)
        }
    }

    @Test("the same message handled by another handler publishes its own events")
    func keysAreHandlerScoped() async throws {
        try await PersistenceTestContext.run { context in
            let publisher = PostgresEventPublisher(client: context.postgres, bus: context.bus)
            let messageUUID = UUID().uuidString.lowercased()
            try await publisher.publish([Self.printed()], once: ProcessingKey(handler: "PrintTicket", messageUUID: messageUUID))
            try await publisher.publish([Self.printed()], once: ProcessingKey(handler: "IssueReceipt", messageUUID: messageUUID))

            #expect(try await context.rowCount(of: .outbox) == 4)
        }
    }

    @Test("when the outbox write fails, the key stays unclaimed and a redelivery publishes")
    func failedWriteLeavesKeyUnclaimed() async throws {
        try await PersistenceTestContext.run { context in
            let publisher = PostgresEventPublisher(client: context.postgres, bus: context.bus)
            let key = PersistenceSamples.processingKey(handler: "PrintTicket")
            try await context.postgres.execute("ALTER TABLE outbox RENAME TO outbox_away")
            let error = await #expect(throws: PostgresError.self) { try await publisher.publish([Self.printed()], once: key) }
            #expect(error?.sqlState == "42P01")
            #expect(try await context.rowCount(of: .processedMessages) == 0)

            try await context.postgres.execute("ALTER TABLE outbox_away RENAME TO outbox")
            try await publisher.publish([Self.printed()], once: key)
            #expect(try await context.rowCount(of: .outbox) == 2)
        }
    }

    private static func printed() -> TicketPrinted_v1 {
        TicketPrinted_v1(header: .new(idempotencyKey: "k"), ticketID: UUID(), fileName: "ticket.html")
    }
}
