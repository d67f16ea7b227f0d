import Entities

/// Stores a confirmed ticket, so that `GET /tickets` lists it and refunds can find it.
public struct StoreTicketHandler: TypedMessageHandler {
    public static let name = "StoreTicket"
    let tickets: any TicketsRepository

    public init(tickets: any TicketsRepository) {
        self.tickets = tickets
    }

    public func handle(_ event: TicketBookingConfirmed_v1, context: MessageContext) async throws {
        let ticket = Ticket(ticketID: event.ticketID, customerEmail: event.customerEmail, price: event.price, bookingID: event.bookingID)
        try await tickets.storeConfirmed(ticket, once: processingKey(context))
    }
}
