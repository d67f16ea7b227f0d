import Entities
import Foundation
import Hummingbird
import Metrics

extension TicketsAPI {
    /// Either `show_id`, `number_of_tickets` and `customer_email`, or `hold_id` alone (the hold
    /// says the show, the seats and the customer).
    struct BookTicketsRequest: Decodable {
        var showID: String?
        var numberOfTickets: Int?
        var customerEmail: String?
        var holdID: String?

        enum CodingKeys: String, CodingKey {
            case showID = "show_id"
            case numberOfTickets = "number_of_tickets"
            case customerEmail = "customer_email"
            case holdID = "hold_id"
        }
    }

    struct BookingCreated: Encodable {
        @LowercaseUUID var bookingID: UUID

        enum CodingKeys: String, CodingKey {
            case bookingID = "booking_id"
        }
    }

    /// `POST /book-tickets`: books free seats, or turns a live hold into a booking (409 when the
    /// hold expired, was released or was booked), and publishes `BookingMade_v1` in the same
    /// transaction.
    func registerBookingRoutes(on router: Router<some RequestContext>) {
        router.post("/book-tickets") { request, _ -> Response in
            let body = try await RequestBody.decode(BookTicketsRequest.self, from: request)
            let bookingID = UUID()
            let idempotencyKey = request.idempotencyKey(or: bookingID.uuidString.lowercased())
            let booking: Booking
            if let holdID = body.holdID {
                guard body.showID == nil, body.numberOfTickets == nil, body.customerEmail == nil else {
                    throw APIError.badRequest("hold_id books the hold's seats for its customer: leave out show_id, number_of_tickets and customer_email")
                }
                booking = try await holds.book(
                    holdID: try Validation.uuid(holdID, field: "hold_id"), bookingID: bookingID, idempotencyKey: idempotencyKey)
            } else {
                booking = Booking(
                    bookingID: bookingID,
                    showID: try Validation.uuid(try Validation.required(body.showID, field: "show_id"), field: "show_id"),
                    numberOfTickets: try Validation.positiveCount(
                        try Validation.required(body.numberOfTickets, field: "number_of_tickets"), field: "number_of_tickets"),
                    customerEmail: try Validation.email(try Validation.required(body.customerEmail, field: "customer_email"))
                )
                try await bookings.book(booking, publishing: BookingMade_v1(header: .new(idempotencyKey: idempotencyKey), booking: booking))
            }
            Counter(label: "bookings_total").increment()
            Counter(label: "seats_booked_total").increment(by: booking.numberOfTickets)
            return try .json(status: .created, BookingCreated(bookingID: booking.bookingID))
        }
    }
}
