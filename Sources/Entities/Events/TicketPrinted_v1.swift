import Foundation

/// The printable file of a confirmed ticket was stored.
public struct TicketPrinted_v1: BusMessage, Hashable {
    public static let name = "TicketPrinted_v1"
    public static let kind = BusMessageKind.publicEvent

    public var header: EventHeader
    @LowercaseUUID public var ticketID: UUID
    public var fileName: String

    public init(header: EventHeader, ticketID: UUID, fileName: String) {
        self.header = header
        self.ticketID = ticketID
        self.fileName = fileName
    }

    enum CodingKeys: String, CodingKey {
        case header
        case ticketID = "ticket_id"
        case fileName = "file_name"
    }
}
