import Foundation

/// The seats of a hold went back to the show: released by the customer or expired. (A hold
/// that is booked publishes `BookingMade_v1` instead.)
public struct SeatsReleased_v1: BusMessage, Hashable {
    public static let name = "SeatsReleased_v1"
    public static let kind = BusMessageKind.publicEvent

    public var header: EventHeader
    @LowercaseUUID public var holdID: UUID
    @LowercaseUUID public var showID: UUID
    public var numberOfTickets: Int
    public var reason: SeatsReleaseReason

    public init(header: EventHeader, holdID: UUID, showID: UUID, numberOfTickets: Int, reason: SeatsReleaseReason) {
        self.header = header
        self.holdID = holdID
        self.showID = showID
        self.numberOfTickets = numberOfTickets
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case header
        case holdID = "hold_id"
        case showID = "show_id"
        case numberOfTickets = "number_of_tickets"
        case reason
    }
}
