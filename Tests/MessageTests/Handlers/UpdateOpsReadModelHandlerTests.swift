import Entities
import Foundation
import Message
import Testing

/// One handler per event type the ops read model follows, each applying its event's change once.
@Suite struct UpdateOpsReadModelHandlerTests {
    let readModel = InMemoryOpsReadModel()

    func apply<Event: BusMessage>(_ event: Event) async throws -> MessageContext {
        let handler = UpdateOpsReadModelHandler(readModel: readModel, on: Event.self)
        let context = MessageContext.delivery(to: UpdateOpsReadModelHandler<Event>.name)
        try await handler.handle(event, context: context)
        return context
    }

    @Test func appliesEachFollowedEventsChangeUnderItsOwnKey() async throws {
        let events: [any BusMessage] = [
            BookAtDeadNationHandlerTests.booking,
            SheetHandlersTests.confirmed,
            TicketReceiptIssued_v1(header: Samples.header, ticketID: Samples.ticketID, receiptNumber: "R-1", issuedAt: Samples.publishedAt),
            TicketPrinted_v1(header: Samples.header, ticketID: Samples.ticketID, fileName: PrintTicketHandlerTests.fileName),
            TicketRefunded_v1(header: Samples.header, ticketID: Samples.ticketID),
        ]
        var contexts: [MessageContext] = []
        for event in events {
            contexts.append(try await apply(event))
        }

        #expect(readModel.applications.map(\.change) == events.map { OpsReadModelProjection.change(for: $0)! })
        #expect(readModel.applications.map(\.key) == contexts.map { ProcessingKey(handler: $0.handlerName, messageUUID: $0.messageUUID) })
        #expect(readModel.applications.allSatisfy { $0.idempotencyKey == "req-7/a1b2" })
        #expect(
            contexts.map(\.handlerName) == [
                "UpdateOpsReadModelOnBookingMade_v1", "UpdateOpsReadModelOnTicketBookingConfirmed_v1", "UpdateOpsReadModelOnTicketReceiptIssued_v1",
                "UpdateOpsReadModelOnTicketPrinted_v1", "UpdateOpsReadModelOnTicketRefunded_v1",
            ])
        let booking = try #require(try await readModel.booking(id: Samples.bookingID))
        #expect(booking.tickets[Samples.ticketID]?.receiptNumber == "R-1")
        #expect(try await readModel.bookings(receiptIssuedOn: "2024-01-02", after: nil, limit: 10) == [booking])
        #expect(try await readModel.bookings(receiptIssuedOn: "2024-01-03", after: nil, limit: 10).isEmpty)
    }

    @Test func anEventTheReadModelDoesNotFollowIsUnprocessable() async throws {
        await #expect(throws: UnprocessableMessage.self) { try await apply(SheetHandlersTests.canceled) }
        #expect(readModel.applications.isEmpty)
    }
}
