import Foundation

/// Internal event: the ops read model of a booking changed.
public struct InternalOpsReadModelUpdated: BusMessage, Hashable {
    public static let name = "InternalOpsReadModelUpdated"
    public static let kind = BusMessageKind.internalEvent

    public var header: EventHeader
    @LowercaseUUID public var bookingID: UUID

    public init(header: EventHeader, bookingID: UUID) {
        self.header = header
        self.bookingID = bookingID
    }

    enum CodingKeys: String, CodingKey {
        case header
        case bookingID = "booking_id"
    }
}
