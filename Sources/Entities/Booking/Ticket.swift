import Foundation

/// A ticket as Dead Nation reports it, and as `GET /tickets` lists it.
public struct Ticket: Sendable, Equatable {
    public var ticketID: UUID
    public var customerEmail: String
    public var price: Money
    public var bookingID: UUID

    public init(ticketID: UUID, customerEmail: String, price: Money, bookingID: UUID) {
        self.ticketID = ticketID
        self.customerEmail = customerEmail
        self.price = price
        self.bookingID = bookingID
    }
}

/// What Dead Nation says happened to a ticket.
public enum TicketStatus: String, Sendable, Equatable, CaseIterable {
    case confirmed
    case canceled
}
