import Entities
import Foundation
import Message

/// One message of each kind of the catalogue with fixed ids and times, and the exact JSON each
/// must be written as (keys sorted, see `MessageJSON`).
enum Samples {
    static let headerID = UUID(uuidString: "1f0e2d3c-4b5a-4968-8776-a5b4c3d2e1f0")!
    static let bookingID = UUID(uuidString: "0b7c4f3e-2d1a-4c5b-9e8f-7a6b5c4d3e2f")!
    static let showID = UUID(uuidString: "5e2e8d8c-1b7b-4e0d-9c1a-2b3c4d5e6f70")!
    static let holdID = UUID(uuidString: "c4a1e7d2-9b3f-4e8a-a6d5-3f2e1d0c9b8a")!
    static let ticketID = UUID(uuidString: "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d")!
    /// 2024-01-02T03:04:05.123456Z, as a Date read from that text.
    static let publishedAt = RFC3339.date(from: "2024-01-02T03:04:05.123456Z")!
    static let header = EventHeader(id: headerID, publishedAt: publishedAt, idempotencyKey: "req-7/a1b2")
    static let headerJSON = #"{"id":"1f0e2d3c-4b5a-4968-8776-a5b4c3d2e1f0","idempotency_key":"req-7/a1b2","published_at":"2024-01-02T03:04:05.123456Z"}"#
    static let price = Money(amount: "100.00", currency: "EUR")
    static let priceJSON = #"{"amount":"100.00","currency":"EUR"}"#

    /// A catalogue message and its golden JSON.
    struct Golden: Sendable, CustomStringConvertible {
        let message: any BusMessage
        let json: String

        var description: String { type(of: message).name }
    }

    static let goldens: [Golden] = [
        Golden(
            message: BookingMade_v1(header: header, bookingID: bookingID, showID: showID, numberOfTickets: 3, customerEmail: "ana@example.com"),
            json: #"{"booking_id":"0b7c4f3e-2d1a-4c5b-9e8f-7a6b5c4d3e2f","customer_email":"ana@example.com","header":\#(headerJSON),"number_of_tickets":3,"show_id":"5e2e8d8c-1b7b-4e0d-9c1a-2b3c4d5e6f70"}"#
        ),
        Golden(
            message: TicketBookingConfirmed_v1(header: header, ticketID: ticketID, customerEmail: "ana@example.com", price: price, bookingID: bookingID),
            json: #"{"booking_id":"0b7c4f3e-2d1a-4c5b-9e8f-7a6b5c4d3e2f","customer_email":"ana@example.com","header":\#(headerJSON),"price":\#(priceJSON),"ticket_id":"a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"}"#
        ),
        Golden(
            message: TicketBookingCanceled_v1(header: header, ticketID: ticketID, customerEmail: "ana@example.com", price: price, bookingID: bookingID),
            json: #"{"booking_id":"0b7c4f3e-2d1a-4c5b-9e8f-7a6b5c4d3e2f","customer_email":"ana@example.com","header":\#(headerJSON),"price":\#(priceJSON),"ticket_id":"a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"}"#
        ),
        Golden(
            message: TicketReceiptIssued_v1(header: header, ticketID: ticketID, receiptNumber: "RCPT-0042", issuedAt: RFC3339.date(from: "2024-01-02T03:04:06Z")!),
            json: #"{"header":\#(headerJSON),"issued_at":"2024-01-02T03:04:06Z","receipt_number":"RCPT-0042","ticket_id":"a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"}"#
        ),
        Golden(
            message: TicketPrinted_v1(header: header, ticketID: ticketID, fileName: "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d-ticket.html"),
            json: #"{"file_name":"a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d-ticket.html","header":\#(headerJSON),"ticket_id":"a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"}"#
        ),
        Golden(
            message: TicketRefunded_v1(header: header, ticketID: ticketID),
            json: #"{"header":\#(headerJSON),"ticket_id":"a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"}"#
        ),
        Golden(
            message: RefundTicket(header: header, ticketID: ticketID),
            json: #"{"header":\#(headerJSON),"ticket_id":"a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"}"#
        ),
        Golden(
            message: InternalOpsReadModelUpdated(header: header, bookingID: bookingID),
            json: #"{"booking_id":"0b7c4f3e-2d1a-4c5b-9e8f-7a6b5c4d3e2f","header":\#(headerJSON)}"#
        ),
        Golden(
            message: SeatsHeld_v1(
                header: header, holdID: holdID, showID: showID, numberOfTickets: 2, customerEmail: "ana@example.com",
                expiresAt: RFC3339.date(from: "2024-01-02T03:19:05Z")!),
            json: #"{"customer_email":"ana@example.com","expires_at":"2024-01-02T03:19:05Z","header":\#(headerJSON),"hold_id":"c4a1e7d2-9b3f-4e8a-a6d5-3f2e1d0c9b8a","number_of_tickets":2,"show_id":"5e2e8d8c-1b7b-4e0d-9c1a-2b3c4d5e6f70"}"#
        ),
        Golden(
            message: SeatsReleased_v1(header: header, holdID: holdID, showID: showID, numberOfTickets: 2, reason: .expired),
            json: #"{"header":\#(headerJSON),"hold_id":"c4a1e7d2-9b3f-4e8a-a6d5-3f2e1d0c9b8a","number_of_tickets":2,"reason":"expired","show_id":"5e2e8d8c-1b7b-4e0d-9c1a-2b3c4d5e6f70"}"#
        ),
    ]
}
