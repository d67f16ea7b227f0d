import Foundation

/// Command: void the receipt of a ticket and refund its payment.
public struct RefundTicket: BusMessage, Hashable {
    public static let name = "RefundTicket"
    public static let kind = BusMessageKind.command

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
