import Foundation

/// Seats of a show were held for a customer until `expires_at`.
public struct SeatsHeld_v1: BusMessage, Hashable {
    public static let name = "SeatsHeld_v1"
    public static let kind = BusMessageKind.publicEvent

    public var header: EventHeader
    @LowercaseUUID public var holdID: UUID
    @LowercaseUUID public var showID: UUID
    public var numberOfTickets: Int
    public var customerEmail: String
    /// RFC3339 on the wire.
    public var expiresAt: Date

    public init(header: EventHeader, holdID: UUID, showID: UUID, numberOfTickets: Int, customerEmail: String, expiresAt: Date) {
        self.header = header
        self.holdID = holdID
        self.showID = showID
        self.numberOfTickets = numberOfTickets
        self.customerEmail = customerEmail
        self.expiresAt = expiresAt
    }

    public init(header: EventHeader, hold: Hold) {
        self.init(
            header: header, holdID: hold.holdID, showID: hold.showID, numberOfTickets: hold.numberOfTickets,
            customerEmail: hold.customerEmail, expiresAt: hold.expiresAt)
    }

    enum CodingKeys: String, CodingKey {
        case header
        case holdID = "hold_id"
        case showID = "show_id"
        case numberOfTickets = "number_of_tickets"
        case customerEmail = "customer_email"
        case expiresAt = "expires_at"
    }
}
