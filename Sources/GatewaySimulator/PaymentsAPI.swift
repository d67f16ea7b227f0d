import Hummingbird

/// `PUT /payments-api/refunds`: one refund per `deduplication_id`.
struct PaymentsAPI {
    let state: SimulatorState

    struct RefundBody: ValidatedBody {
        var paymentReference: String
        var reason: String
        var deduplicationID: String

        enum CodingKeys: String, CodingKey {
            case reason
            case paymentReference = "payment_reference"
            case deduplicationID = "deduplication_id"
        }

        func validate() throws {
            try FieldCheck.nonEmpty(paymentReference, "payment_reference")
            try FieldCheck.nonEmpty(reason, "reason")
            try FieldCheck.nonEmpty(deduplicationID, "deduplication_id")
        }
    }

    func addRoutes(to group: RouterGroup<BasicRequestContext>) {
        group.put("refunds") { request, _ in try await refund(request) }
    }

    private func refund(_ request: Request) async throws -> Response {
        let body = try await SimulatorJSON.decode(RefundBody.self, from: request)
        state.update { store in
            _ = store.refunds.recordOnce(key: body.deduplicationID) {
                PaymentRefund(paymentReference: body.paymentReference, reason: body.reason, deduplicationID: body.deduplicationID)
            }
        }
        return try SimulatorJSON.response([String: String]())
    }
}
