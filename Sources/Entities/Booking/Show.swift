import Foundation

/// A show with a seat capacity, known at Dead Nation under `deadNationID`.
public struct Show: Sendable, Equatable {
    public var showID: UUID
    public var deadNationID: UUID
    public var numberOfTickets: Int
    public var startTime: Date
    public var title: String
    public var venue: String

    public init(showID: UUID, deadNationID: UUID, numberOfTickets: Int, startTime: Date, title: String, venue: String) {
        self.showID = showID
        self.deadNationID = deadNationID
        self.numberOfTickets = numberOfTickets
        self.startTime = startTime
        self.title = title
        self.venue = venue
    }
}
