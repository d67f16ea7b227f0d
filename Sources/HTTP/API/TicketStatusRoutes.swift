import Entities
import Foundation
import Hummingbird

extension TicketsAPI {
    struct TicketsStatusRequest: Decodable {
        var tickets: [TicketStatusItem]
    }

    struct TicketStatusItem: Decodable {
        var ticketID: String
        var status: String
        var customerEmail: String
        var price: PriceBody
        var bookingID: String

        enum CodingKeys: String, CodingKey {
            case ticketID = "ticket_id"
            case status
            case customerEmail = "customer_email"
            case price
            case bookingID = "booking_id"
        }
    }

    struct PriceBody: Codable {
        var amount: String
        var currency: String
    }

    /// `POST /tickets-status`: Dead Nation's callback. Each ticket's change is recorded with its
    /// event under the key `<Idempotency-Key><ticket_id>`, so a repeated request changes nothing.
    func registerTicketStatusRoutes(on router: Router<some RequestContext>) {
        router.post("/tickets-status") { request, _ -> Response in
            guard let requestKey = request.headers[.idempotencyKey], !requestKey.isEmpty else {
                throw APIError.badRequest("the Idempotency-Key header is required")
            }
            let body = try await RequestBody.decode(TicketsStatusRequest.self, from: request)
            let changes = try body.tickets.enumerated().map { index, item in
                try Self.statusChange(item, field: "tickets[\(index)]", requestKey: requestKey)
            }
            try await ticketStatuses.record(changes)
            return Response(status: .ok)
        }
    }

    private static func statusChange(_ item: TicketStatusItem, field: String, requestKey: String) throws -> TicketStatusChange {
        guard let status = TicketStatus(rawValue: item.status) else {
            throw APIError.badRequest("\(field).status '\(item.status)' is not one of confirmed, canceled")
        }
        let ticket = Ticket(
            ticketID: try Validation.uuid(item.ticketID, field: "\(field).ticket_id"),
            customerEmail: try Validation.email(item.customerEmail, field: "\(field).customer_email"),
            price: try Validation.money(amount: item.price.amount, currency: item.price.currency, field: "\(field).price"),
            bookingID: try Validation.uuid(item.bookingID, field: "\(field).booking_id")
        )
        let key = requestKey + ticket.ticketID.uuidString.lowercased()
        let header = EventHeader.new(idempotencyKey: key)
        let event: any BusMessage =
            switch status {
            case .confirmed:
                TicketBookingConfirmed_v1(header: header, ticketID: ticket.ticketID, customerEmail: ticket.customerEmail, price: ticket.price, bookingID: ticket.bookingID)
            case .canceled:
                TicketBookingCanceled_v1(header: header, ticketID: ticket.ticketID, customerEmail: ticket.customerEmail, price: ticket.price, bookingID: ticket.bookingID)
            }
        return TicketStatusChange(ticket: ticket, status: status, idempotencyKey: key, event: event)
    }
}
