import Entities
import Foundation
import Message

/// Writes a booking inside the caller's transaction: one statement moves its seats to the show's
/// `booked_seats` and inserts the booking, then its messages go to the outbox. Bookings of free
/// seats and booked holds both come through here, so both store and publish the same.
///
/// Contention: the statement is a conditional row update of the show at read committed. Its row
/// lock orders the writers of that one show for the length of their transactions; a waiting
/// writer re-checks the condition against the committed figures. No SUM over bookings, no
/// serialization failures, and other shows are not affected.
enum BookingWriter {
    /// Where a booking's seats come from.
    enum Seats {
        /// Free seats: only while booked + held + these fit the capacity.
        case free
        /// The booking's own hold, which the caller has locked and checked live.
        case held
    }

    /// Stores `booking` and appends `messages`; false (nothing written) when the show does not
    /// exist or lacks the free seats.
    static func insert(_ booking: Booking, seats: Seats, publishing messages: [OutgoingMessage], on connection: PostgresConnection) throws -> Bool {
        let sql = switch seats {
        case .free: """
            WITH seats AS (
                UPDATE shows SET booked_seats = booked_seats + $3::bigint
                WHERE show_id = $2 AND booked_seats + held_seats + $3::bigint <= number_of_tickets
                RETURNING show_id
            )
            INSERT INTO bookings (booking_id, show_id, number_of_tickets, customer_email)
            SELECT $1, show_id, $3, $4 FROM seats
            """
        case .held: """
            WITH seats AS (
                UPDATE shows SET booked_seats = booked_seats + $3::bigint, held_seats = held_seats - $3::bigint
                WHERE show_id = $2
                RETURNING show_id
            )
            INSERT INTO bookings (booking_id, show_id, number_of_tickets, customer_email)
            SELECT $1, show_id, $3, $4 FROM seats
            """
        }
        let booked = try connection.execute(sql, [booking.bookingID, booking.showID, booking.numberOfTickets, booking.customerEmail])
        guard booked == 1 else { return false }
        try OutboxWriter.append(messages, on: connection)
        return true
    }

    /// Why seats of `showID` could not be taken: the show is unknown, or its seats are gone.
    static func refusal(forShow showID: UUID, on connection: PostgresConnection) throws -> BookingError {
        try connection.query("SELECT 1 FROM shows WHERE show_id = $1", [showID]).isEmpty ? .showNotFound : .notEnoughSeats
    }
}
