import Entities

/// The payments API: `PUT /payments-api/refunds`.
public struct PaymentsClient: PaymentRefunding {
    private let caller: GatewayCaller

    public init(configuration: GatewayConfiguration, httpClient: CurlHTTPClient) {
        caller = GatewayCaller(api: .payments, configuration: configuration, http: httpClient)
    }

    private struct RefundRequest: Encodable {
        var payment_reference: String
        var reason: String
        var deduplication_id: String
    }

    public func refundPayment(paymentReference: String, reason: String, deduplicationID: String) async throws {
        let request = RefundRequest(payment_reference: paymentReference, reason: reason, deduplication_id: deduplicationID)
        try await caller.callJSON(.put, "/refunds", body: request)
    }
}
