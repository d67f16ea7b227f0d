import Entities
import Foundation

/// The ops read model folded from changes as a repository keeps it: booking facts and ticket
/// facts apart (a ticket's later events do not name its booking, and may come before it), merged
/// with `OpsReadModelProjection.merge`, documents built with `OpsReadModelProjection.document`.
public struct OpsReadModelFold: Sendable {
    private var bookings: [UUID: (bookedAt: Date, lastUpdate: Date)] = [:]
    private var tickets: [UUID: (bookingID: UUID?, facts: OpsTicket, lastUpdate: Date)] = [:]

    public init(_ changes: [OpsReadModelChange] = []) {
        changes.forEach { apply($0) }
    }

    public mutating func apply(_ change: OpsReadModelChange) {
        switch change {
        case let .booking(bookingID, bookedAt, at):
            let known = bookings[bookingID]
            bookings[bookingID] = (min(known?.bookedAt ?? bookedAt, bookedAt), max(known?.lastUpdate ?? at, at))
        case let .ticket(ticketID, bookingID, facts, at):
            let known = tickets[ticketID]
            tickets[ticketID] = (
                known?.bookingID ?? bookingID,
                known.map { OpsReadModelProjection.merge($0.facts, facts) } ?? facts,
                max(known?.lastUpdate ?? at, at)
            )
        }
    }

    /// The document of every booking something is known of.
    public var documents: [UUID: OpsBooking] {
        let bookingIDs = Set(bookings.keys).union(tickets.values.compactMap(\.bookingID))
        return Dictionary(uniqueKeysWithValues: bookingIDs.map { bookingID in
            let own = tickets.filter { $0.value.bookingID == bookingID }.mapValues { (facts: $0.facts, lastUpdate: $0.lastUpdate) }
            let booking = bookings[bookingID]
            return (bookingID, OpsReadModelProjection.document(
                bookingID: bookingID, bookedAt: booking?.bookedAt, bookingLastUpdate: booking?.lastUpdate, tickets: own
            ))
        })
    }
}
