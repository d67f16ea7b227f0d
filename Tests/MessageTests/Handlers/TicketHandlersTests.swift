import Entities
import Foundation
import Message
import Testing

/// Confirmed tickets are stored, canceled ones marked deleted, each once per message.
@Suite struct TicketHandlersTests {
    let tickets = InMemoryTickets()
    static let ticket = Ticket(ticketID: Samples.ticketID, customerEmail: "ana@example.com", price: Samples.price, bookingID: Samples.bookingID)

    @Test func confirmedTicketIsStored() async throws {
        let context = MessageContext.delivery(to: StoreTicketHandler.name)
        try await StoreTicketHandler(tickets: tickets).handle(SheetHandlersTests.confirmed, context: context)

        #expect(try await tickets.activeTickets() == [Self.ticket])
        #expect(tickets.applied == [ProcessingKey(handler: "StoreTicket", messageUUID: context.messageUUID)])
    }

    @Test func canceledTicketIsMarkedEvenBeforeItsConfirmation() async throws {
        let cancel = MessageContext.delivery(to: MarkTicketCanceledHandler.name)
        try await MarkTicketCanceledHandler(tickets: tickets).handle(SheetHandlersTests.canceled, context: cancel)
        try await StoreTicketHandler(tickets: tickets).handle(SheetHandlersTests.confirmed, context: .delivery(to: StoreTicketHandler.name))

        #expect(tickets.canceled == [Samples.ticketID])
        #expect(try await tickets.activeTickets().isEmpty)
        #expect(tickets.applied.contains(ProcessingKey(handler: "MarkTicketCanceled", messageUUID: cancel.messageUUID)))
    }
}
