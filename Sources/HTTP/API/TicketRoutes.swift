import Entities
import Foundation
import Hummingbird

extension TicketsAPI {
    struct TicketBody: Encodable {
        @LowercaseUUID var ticketID: UUID
        var customerEmail: String
        var price: PriceBody

        enum CodingKeys: String, CodingKey {
            case ticketID = "ticket_id"
            case customerEmail = "customer_email"
            case price
        }
    }

    /// `GET /tickets`: every ticket not canceled.
    func registerTicketRoutes(on router: Router<some RequestContext>) {
        router.get("/tickets") { _, _ -> Response in
            let list = try await tickets.activeTickets().map {
                TicketBody(ticketID: $0.ticketID, customerEmail: $0.customerEmail, price: PriceBody(amount: $0.price.amount, currency: $0.price.currency))
            }
            return try .json(status: .ok, list)
        }
    }
}
