/// A show with its seat figures: `capacity` (the show's `number_of_tickets`) = booked + held +
/// available. Holds whose time ran out do not count as held, even before they are swept.
public struct ShowAvailability: Sendable, Equatable {
    public var show: Show
    public var booked: Int
    public var held: Int

    public init(show: Show, booked: Int, held: Int) {
        self.show = show
        self.booked = booked
        self.held = held
    }

    public var capacity: Int { show.numberOfTickets }
    public var available: Int { capacity - booked - held }
}
