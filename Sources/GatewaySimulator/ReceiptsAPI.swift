import Foundation
import Hummingbird

/// `PUT /receipts-api/receipts` and `PUT /receipts-api/void-receipt`: one receipt per
/// idempotency key (201 when issued, 200 with the same receipt on a repeat), one void per
/// `idempotent_id`.
struct ReceiptsAPI {
    let state: SimulatorState

    struct IssueBody: ValidatedBody {
        var ticketID: String
        var price: ReceiptPrice
        var idempotencyKey: String

        enum CodingKeys: String, CodingKey {
            case price
            case ticketID = "ticket_id"
            case idempotencyKey = "idempotency_key"
        }

        func validate() throws {
            try FieldCheck.nonEmpty(ticketID, "ticket_id")
            try FieldCheck.decimalAmount(price.moneyAmount, "price.money_amount")
            try FieldCheck.currency(price.moneyCurrency, "price.money_currency")
            try FieldCheck.nonEmpty(idempotencyKey, "idempotency_key")
        }
    }

    struct IssuedBody: Encodable {
        var number: String
        var issuedAt: Date
        var ticketID: String

        enum CodingKeys: String, CodingKey {
            case number
            case issuedAt = "issued_at"
            case ticketID = "ticket_id"
        }
    }

    struct VoidBody: ValidatedBody {
        var ticketID: String
        var reason: String
        var idempotentID: String

        enum CodingKeys: String, CodingKey {
            case reason
            case ticketID = "ticket_id"
            case idempotentID = "idempotent_id"
        }

        func validate() throws {
            try FieldCheck.nonEmpty(ticketID, "ticket_id")
            try FieldCheck.nonEmpty(reason, "reason")
            try FieldCheck.nonEmpty(idempotentID, "idempotent_id")
        }
    }

    func addRoutes(to group: RouterGroup<BasicRequestContext>) {
        group.put("receipts") { request, _ in try await issue(request) }
        group.put("void-receipt") { request, _ in try await void(request) }
    }

    private func issue(_ request: Request) async throws -> Response {
        let body = try await SimulatorJSON.decode(IssueBody.self, from: request)
        let (receipt, isFirst) = state.update {
            $0.issueReceipt(ticketID: body.ticketID, price: body.price, idempotencyKey: body.idempotencyKey)
        }
        return try SimulatorJSON.response(
            IssuedBody(number: receipt.number, issuedAt: receipt.issuedAt, ticketID: receipt.ticketID),
            status: isFirst ? .created : .ok
        )
    }

    private func void(_ request: Request) async throws -> Response {
        let body = try await SimulatorJSON.decode(VoidBody.self, from: request)
        state.update { store in
            _ = store.voids.recordOnce(key: body.idempotentID) {
                ReceiptVoid(ticketID: body.ticketID, reason: body.reason, idempotentID: body.idempotentID)
            }
        }
        return try SimulatorJSON.response([String: String]())
    }
}
