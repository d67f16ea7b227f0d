import Entities
import Foundation

/// Events of two bookings as they happen, with fixed ids and whole-second times.
enum OpsEvents {
    static let start = Date(timeIntervalSince1970: 1_714_557_600)  // 2024-05-01T10:00:00Z
    static let bookingA = UUID(uuidString: "0B7C4F3E-2D1A-4C5B-9E8F-7A6B5C4D3E2F")!
    static let bookingB = UUID(uuidString: "6A1D9C2B-3E4F-4A5B-8C7D-1E2F3A4B5C6D")!
    static let showID = UUID(uuidString: "5E2E8D8C-1B7B-4E0D-9C1A-2B3C4D5E6F70")!

    static func at(_ seconds: Int) -> Date { start.addingTimeInterval(TimeInterval(seconds)) }

    static func header(_ seconds: Int, key: String = "key") -> EventHeader {
        EventHeader(id: UUID(), publishedAt: at(seconds), idempotencyKey: key)
    }

    static func ticketID(_ number: Int) -> UUID {
        UUID(uuidString: String(format: "A1B2C3D4-E5F6-4A7B-8C9D-%012X", number))!
    }

    static func confirmed(_ ticket: Int, booking: UUID, at seconds: Int, email: String = "ana@example.com") -> TicketBookingConfirmed_v1 {
        TicketBookingConfirmed_v1(
            header: header(seconds), ticketID: ticketID(ticket), customerEmail: email, price: Money(amount: "\(ticket)0.00", currency: "EUR"), bookingID: booking
        )
    }

    static func receipt(_ ticket: Int, number: String, issuedAt seconds: Int, publishedAt published: Int) -> TicketReceiptIssued_v1 {
        TicketReceiptIssued_v1(header: header(published), ticketID: ticketID(ticket), receiptNumber: number, issuedAt: at(seconds))
    }

    static func printed(_ ticket: Int, at seconds: Int, fileName: String? = nil) -> TicketPrinted_v1 {
        TicketPrinted_v1(header: header(seconds), ticketID: ticketID(ticket), fileName: fileName ?? "\(ticketID(ticket).uuidString.lowercased())-ticket.html")
    }

    static func refunded(_ ticket: Int, at seconds: Int) -> TicketRefunded_v1 {
        TicketRefunded_v1(header: header(seconds), ticketID: ticketID(ticket))
    }

    static func booked(_ booking: UUID, at seconds: Int) -> BookingMade_v1 {
        BookingMade_v1(header: header(seconds), bookingID: booking, showID: showID, numberOfTickets: 3, customerEmail: "ana@example.com")
    }

    /// Everything two bookings go through, redeliveries and races included: a confirmation sent
    /// again later with another email, two receipts issued at the same time (a tie), a second
    /// print, refunds, and a ticket whose events outran its confirmation.
    static let all: [any BusMessage] = [
        booked(bookingA, at: 0),
        confirmed(1, booking: bookingA, at: 1),
        receipt(1, number: "R-1", issuedAt: 2, publishedAt: 2),
        printed(1, at: 3),
        confirmed(2, booking: bookingA, at: 1),
        confirmed(2, booking: bookingA, at: 9, email: "ana.resent@example.com"),
        receipt(2, number: "R-2b", issuedAt: 4, publishedAt: 5),
        receipt(2, number: "R-2a", issuedAt: 4, publishedAt: 6),
        printed(2, at: 5),
        printed(2, at: 8, fileName: "reprint.html"),
        refunded(2, at: 20),
        refunded(2, at: 21),
        confirmed(3, booking: bookingA, at: 2),
        booked(bookingB, at: 30),
        refunded(4, at: 45),
        printed(4, at: 33),
        receipt(4, number: "R-4", issuedAt: 32, publishedAt: 32),
        confirmed(4, booking: bookingB, at: 31),
        confirmed(5, booking: bookingB, at: 31),
    ]
}
