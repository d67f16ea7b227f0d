import Foundation

/// A booking was stored: its seats are to be booked at Dead Nation.
public struct BookingMade_v1: BusMessage, Hashable {
    public static let name = "BookingMade_v1"
    public static let kind = BusMessageKind.publicEvent

    public var header: EventHeader
    @LowercaseUUID public var bookingID: UUID
    @LowercaseUUID public var showID: UUID
    public var numberOfTickets: Int
    public var customerEmail: String

    public init(header: EventHeader, bookingID: UUID, showID: UUID, numberOfTickets: Int, customerEmail: String) {
        self.header = header
        self.bookingID = bookingID
        self.showID = showID
        self.numberOfTickets = numberOfTickets
        self.customerEmail = customerEmail
    }

    /// The event of a stored booking.
    public init(header: EventHeader, booking: Booking) {
        self.init(
            header: header, bookingID: booking.bookingID, showID: booking.showID, numberOfTickets: booking.numberOfTickets,
            customerEmail: booking.customerEmail)
    }

    enum CodingKeys: String, CodingKey {
        case header
        case bookingID = "booking_id"
        case showID = "show_id"
        case numberOfTickets = "number_of_tickets"
        case customerEmail = "customer_email"
    }
}
