import Message
import Entities
import Foundation

/// Bookings of free seats, through `BookingWriter` (its doc comment explains why no number of
/// requests or instances can overbook, and why contention never fails a request). Seats held by
/// holds whose time ran out but that the sweeper has not reached yet are given back first when
/// the show looks full, so availability never waits for the sweeper.
public struct PostgresBookingsRepository: BookingsRepository {
    let client: PostgresClient
    let bus: MessageBus

    public init(client: PostgresClient, bus: MessageBus) {
        self.client = client
        self.bus = bus
    }

    public func book(_ booking: Booking, publishing event: BookingMade_v1) async throws {
        let outgoing = try bus.outgoing(event)
        let failure: BookingError? = try await client.transaction { connection in
            let booked = try HoldRelease.takingExpiredSeatsIfNeeded(ofShow: booking.showID, bus: bus, on: connection) {
                try BookingWriter.insert(booking, seats: .free, publishing: outgoing, on: connection) ? booking : nil
            }
            return booked == nil ? try BookingWriter.refusal(forShow: booking.showID, on: connection) : nil
        }
        if let failure { throw failure }
    }
}
