import Entities
import Foundation
import Hummingbird

extension TicketsAPI {
    struct RefundAccepted: Encodable {
        @LowercaseUUID var ticketID: UUID

        enum CodingKeys: String, CodingKey {
            case ticketID = "ticket_id"
        }
    }

    /// `PUT /ticket-refund/{ticket_id}`: 202 every time; only the first request of a ticket issues
    /// the `RefundTicket` command, so a ticket is refunded at most once.
    func registerRefundRoutes(on router: Router<some RequestContext>) {
        router.put("/ticket-refund/:ticket_id") { request, context -> Response in
            let ticketID = try Validation.uuid(context.parameters.get("ticket_id") ?? "", field: "ticket_id")
            let key = request.idempotencyKey(or: "refund-" + ticketID.uuidString.lowercased())
            try await refunds.requestRefund(ticketID: ticketID, publishing: RefundTicket(header: .new(idempotencyKey: key), ticketID: ticketID))
            return try .json(status: .accepted, RefundAccepted(ticketID: ticketID))
        }
    }
}
