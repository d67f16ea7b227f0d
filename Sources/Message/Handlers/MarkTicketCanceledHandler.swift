import Entities

/// Marks a canceled ticket deleted, also when its confirmation has not arrived yet (it then
/// stays canceled when it does).
public struct MarkTicketCanceledHandler: TypedMessageHandler {
    public static let name = "MarkTicketCanceled"
    let tickets: any TicketsRepository

    public init(tickets: any TicketsRepository) {
        self.tickets = tickets
    }

    public func handle(_ event: TicketBookingCanceled_v1, context: MessageContext) async throws {
        let ticket = Ticket(ticketID: event.ticketID, customerEmail: event.customerEmail, price: event.price, bookingID: event.bookingID)
        try await tickets.markCanceled(ticket, once: processingKey(context))
    }
}
