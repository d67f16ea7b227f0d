import Foundation
import Hummingbird

/// `POST /dead-nation-api/ticket/booking`: records the booking once per `booking_id` and, like
/// the real box office, later calls the tickets service back with one confirmed ticket per seat.
/// A repeated booking is counted, not booked (nor called back) again.
struct DeadNationAPI {
    /// Seats per booking the box office accepts.
    static let maxTicketsPerBooking = 1000

    let state: SimulatorState
    let callbacks: CallbackDispatcher?
    let targets: CallbackTargets
    let ticketPrice: TicketsStatusPayload.Price

    struct BookingBody: ValidatedBody {
        var bookingID: String
        var customerAddress: String
        var eventID: String
        var numberOfTickets: Int

        enum CodingKeys: String, CodingKey {
            case bookingID = "booking_id"
            case customerAddress = "customer_address"
            case eventID = "event_id"
            case numberOfTickets = "number_of_tickets"
        }

        func validate() throws {
            try FieldCheck.uuid(bookingID, "booking_id")
            try FieldCheck.nonEmpty(customerAddress, "customer_address")
            try FieldCheck.uuid(eventID, "event_id")
            guard (1...DeadNationAPI.maxTicketsPerBooking).contains(numberOfTickets) else {
                throw SimulatorError.badRequest("field number_of_tickets must be between 1 and \(DeadNationAPI.maxTicketsPerBooking)")
            }
        }
    }

    func addRoutes(to group: RouterGroup<BasicRequestContext>) {
        group.post("ticket/booking") { request, _ in try await book(request) }
    }

    private func book(_ request: Request) async throws -> Response {
        let body = try await SimulatorJSON.decode(BookingBody.self, from: request)
        let correlationID = request.headers[.correlationID]
        let (_, isFirst) = state.update { store in
            store.bookings.recordOnce(key: body.bookingID) {
                DeadNationBookingRecord(
                    bookingID: body.bookingID, customerAddress: body.customerAddress, eventID: body.eventID,
                    numberOfTickets: body.numberOfTickets, correlationID: correlationID
                )
            }
        }
        if isFirst, let callbacks {
            try scheduleCallback(for: body, correlationID: correlationID, on: callbacks)
        }
        return try SimulatorJSON.response([String: String]())
    }

    private func scheduleCallback(for booking: BookingBody, correlationID: String?, on callbacks: CallbackDispatcher) throws {
        let tickets = (0..<booking.numberOfTickets).map { _ in
            TicketsStatusPayload.Ticket(
                ticketID: UUID().uuidString.lowercased(), status: "confirmed",
                customerEmail: booking.customerAddress, price: ticketPrice, bookingID: booking.bookingID
            )
        }
        let urls = targets.next()
        let callback = TicketsStatusCallback(
            url: urls[0],
            idempotencyKey: "dead-nation-\(booking.bookingID)",
            correlationID: correlationID,
            body: try JSONEncoder().encode(TicketsStatusPayload(tickets: tickets))
        )
        callbacks.schedule(callback, urls: urls, bookingID: booking.bookingID, ticketIDs: tickets.map(\.ticketID))
    }
}
