/// Every message type of the contract's catalogue, so that a consumer can tell a known name from
/// an unknown one and the data lake can list what it stores.
public enum BusMessageCatalog {
    public static let all: [any BusMessage.Type] = [
        BookingMade_v1.self,
        TicketBookingConfirmed_v1.self,
        TicketBookingCanceled_v1.self,
        TicketReceiptIssued_v1.self,
        TicketPrinted_v1.self,
        TicketRefunded_v1.self,
        RefundTicket.self,
        InternalOpsReadModelUpdated.self,
        SeatsHeld_v1.self,
        SeatsReleased_v1.self,
    ]

    /// The type whose wire name is `name`, or nil for a name outside the catalogue.
    public static func type(named name: String) -> (any BusMessage.Type)? {
        all.first { $0.name == name }
    }
}
