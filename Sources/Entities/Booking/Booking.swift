import Foundation

/// Seats of a show booked by a customer.
public struct Booking: Sendable, Equatable {
    public var bookingID: UUID
    public var showID: UUID
    public var numberOfTickets: Int
    public var customerEmail: String

    public init(bookingID: UUID, showID: UUID, numberOfTickets: Int, customerEmail: String) {
        self.bookingID = bookingID
        self.showID = showID
        self.numberOfTickets = numberOfTickets
        self.customerEmail = customerEmail
    }
}
