import Entities

/// Forwards a booking to Dead Nation, the box office that confirms its tickets.
public struct BookAtDeadNationHandler: TypedMessageHandler {
    public static let name = "BookAtDeadNation"
    let shows: any ShowsRepository
    let deadNation: any DeadNationBooking
    let processed: any ProcessedMessages

    public init(shows: any ShowsRepository, deadNation: any DeadNationBooking, processed: any ProcessedMessages) {
        self.shows = shows
        self.deadNation = deadNation
        self.processed = processed
    }

    public func handle(_ event: BookingMade_v1, context: MessageContext) async throws {
        guard let show = try await shows.show(id: event.showID) else {
            throw UnprocessableMessage("booking \(event.bookingID) names unknown show \(event.showID)")
        }
        try await processed.once(processingKey(context)) {
            try await deadNation.bookTickets(
                bookingID: event.bookingID,
                customerAddress: event.customerEmail,
                eventID: show.deadNationID,
                numberOfTickets: event.numberOfTickets
            )
        }
    }
}
