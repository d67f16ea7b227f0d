import Foundation

/// Dead Nation confirmed a ticket of a booking.
public struct TicketBookingConfirmed_v1: BusMessage, Hashable {
    public static let name = "TicketBookingConfirmed_v1"
    public static let kind = BusMessageKind.publicEvent

    public var header: EventHeader
    @LowercaseUUID public var ticketID: UUID
    public var customerEmail: String
    public var price: Money
    @LowercaseUUID public var bookingID: UUID

    public init(header: EventHeader, ticketID: UUID, customerEmail: String, price: Money, bookingID: UUID) {
        self.header = header
        self.ticketID = ticketID
        self.customerEmail = customerEmail
        self.price = price
        self.bookingID = bookingID
    }

    enum CodingKeys: String, CodingKey {
        case header
        case ticketID = "ticket_id"
        case customerEmail = "customer_email"
        case price
        case bookingID = "booking_id"
    }
}
