import Foundation

/// The receipts API issued the receipt of a confirmed ticket.
public struct TicketReceiptIssued_v1: BusMessage, Hashable {
    public static let name = "TicketReceiptIssued_v1"
    public static let kind = BusMessageKind.publicEvent

    public var header: EventHeader
    @LowercaseUUID public var ticketID: UUID
    public var receiptNumber: String
    /// When the receipts API issued it; RFC3339 on the wire.
    public var issuedAt: Date

    public init(header: EventHeader, ticketID: UUID, receiptNumber: String, issuedAt: Date) {
        self.header = header
        self.ticketID = ticketID
        self.receiptNumber = receiptNumber
        self.issuedAt = issuedAt
    }

    enum CodingKeys: String, CodingKey {
        case header
        case ticketID = "ticket_id"
        case receiptNumber = "receipt_number"
        case issuedAt = "issued_at"
    }
}
