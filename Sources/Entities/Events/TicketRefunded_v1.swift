import Foundation

/// A ticket's receipt was voided and its payment refunded.
public struct TicketRefunded_v1: BusMessage, Hashable {
    public static let name = "TicketRefunded_v1"
    public static let kind = BusMessageKind.publicEvent

    public var header: EventHeader
    @LowercaseUUID public var ticketID: UUID

    public init(header: EventHeader, ticketID: UUID) {
        self.header = header
        self.ticketID = ticketID
    }

    enum CodingKeys: String, CodingKey {
        case header
        case ticketID = "ticket_id"
    }
}
