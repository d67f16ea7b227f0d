import Entities
import Foundation
import Hummingbird
import Metrics

extension TicketsAPI {
    struct BookTicketsRequest: Decodable {
        var showID: String
        var numberOfTickets: Int
        var customerEmail: String

        enum CodingKeys: String, CodingKey {
            case showID = "show_id"
            case numberOfTickets = "number_of_tickets"
            case customerEmail = "customer_email"
        }
    }

    struct BookingCreated: Encodable {
        @LowercaseUUID var bookingID: UUID

        enum CodingKeys: String, CodingKey {
            case bookingID = "booking_id"
        }
    }

    /// `POST /book-tickets`: books seats and publishes `BookingMade_v1` in one transaction.
    func registerBookingRoutes(on router: Router<some RequestContext>) {
        router.post("/book-tickets") { request, _ -> Response in
            let body = try await RequestBody.decode(BookTicketsRequest.self, from: request)
            let booking = Booking(
                bookingID: UUID(),
                showID: try Validation.uuid(body.showID, field: "show_id"),
                numberOfTickets: try Validation.positiveCount(body.numberOfTickets, field: "number_of_tickets"),
                customerEmail: try Validation.email(body.customerEmail)
            )
            let idempotencyKey = request.headers[.idempotencyKey] ?? booking.bookingID.uuidString.lowercased()
            let event = BookingMade_v1(
                header: .new(idempotencyKey: idempotencyKey),
                bookingID: booking.bookingID,
                showID: booking.showID,
                numberOfTickets: booking.numberOfTickets,
                customerEmail: booking.customerEmail
            )
            try await bookings.book(booking, publishing: event)
            Counter(label: "bookings_total").increment()
            Counter(label: "seats_booked_total").increment(by: booking.numberOfTickets)
            return try .json(status: .created, BookingCreated(bookingID: booking.bookingID))
        }
    }
}
