import Message
import Entities
import Foundation

/// Bookings with their capacity check: one statement raises the show's `booked_seats` only while
/// capacity allows and inserts the booking, and the outbox rows follow in the same transaction.
/// The row lock on the show orders concurrent bookings of one show (at read committed, the
/// waiting update re-checks capacity against the committed count), so no number of requests or
/// instances can overbook, and contention never fails a request.
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
            let booked = try connection.execute("""
                WITH seats AS (
                    UPDATE shows SET booked_seats = booked_seats + $3::bigint
                    WHERE show_id = $2 AND booked_seats + $3::bigint <= number_of_tickets
                    RETURNING show_id
                )
                INSERT INTO bookings (booking_id, show_id, number_of_tickets, customer_email)
                SELECT $1, show_id, $3, $4 FROM seats
                """, [booking.bookingID, booking.showID, booking.numberOfTickets, booking.customerEmail])
            guard booked == 1 else {
                let showExists = try !connection.query("SELECT 1 FROM shows WHERE show_id = $1", [booking.showID]).isEmpty
                return showExists ? .notEnoughSeats : .showNotFound
            }
            try OutboxWriter.append(outgoing, on: connection)
            return nil
        }
        if let failure { throw failure }
    }
}
