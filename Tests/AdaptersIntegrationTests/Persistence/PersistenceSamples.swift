import Entities
import Foundation

/// Shows, bookings, tickets and their events as the service makes them, each with fresh ids.
enum PersistenceSamples {
    /// 2024-05-01T10:00:00Z.
    static let startTime = Date(timeIntervalSince1970: 1_714_557_600)

    static func show(capacity: Int = 10, deadNationID: UUID = UUID(), title: String = "Swift Live") -> Show {
        Show(
            showID: UUID(), deadNationID: deadNationID, numberOfTickets: capacity, startTime: startTime,
            title: title, venue: "Arena Kraków")
    }

    static func booking(of showID: UUID, seats: Int, email: String = "ana@example.com") -> (booking: Booking, event: BookingMade_v1) {
        let booking = Booking(bookingID: UUID(), showID: showID, numberOfTickets: seats, customerEmail: email)
        let event = BookingMade_v1(
            header: .new(idempotencyKey: "booking-\(booking.bookingID)"), bookingID: booking.bookingID, showID: showID,
            numberOfTickets: seats, customerEmail: email)
        return (booking, event)
    }

    static func holdRequest(of showID: UUID, seats: Int, ttlSeconds: Int = 600, email: String = "ana@example.com") -> HoldRequest {
        let holdID = UUID()
        return HoldRequest(
            holdID: holdID, showID: showID, numberOfTickets: seats, customerEmail: email, ttlSeconds: ttlSeconds,
            idempotencyKey: "hold-\(holdID)")
    }

    static func ticket(bookingID: UUID = UUID(), amount: String = "100", currency: String = "EUR") -> Ticket {
        Ticket(ticketID: UUID(), customerEmail: "ana@example.com", price: Money(amount: amount, currency: currency), bookingID: bookingID)
    }

    /// The change `/tickets-status` records for `ticket`, with the event its status causes.
    static func statusChange(_ ticket: Ticket, _ status: TicketStatus, requestKey: String) -> TicketStatusChange {
        let key = requestKey + ticket.ticketID.uuidString.lowercased()
        let header = EventHeader.new(idempotencyKey: key)
        let event: any BusMessage =
            switch status {
            case .confirmed:
                TicketBookingConfirmed_v1(
                    header: header, ticketID: ticket.ticketID, customerEmail: ticket.customerEmail, price: ticket.price,
                    bookingID: ticket.bookingID)
            case .canceled:
                TicketBookingCanceled_v1(
                    header: header, ticketID: ticket.ticketID, customerEmail: ticket.customerEmail, price: ticket.price,
                    bookingID: ticket.bookingID)
            }
        return TicketStatusChange(ticket: ticket, status: status, idempotencyKey: key, event: event)
    }

    /// The key of `handler` processing a message never seen before.
    static func processingKey(handler: String) -> ProcessingKey {
        ProcessingKey(handler: handler, messageUUID: UUID().uuidString.lowercased())
    }
}
