import Entities
import Foundation
import Message

/// The receipts API: `PUT /receipts-api/receipts` (200 and 201 both mean issued) and
/// `PUT /receipts-api/void-receipt`.
public struct ReceiptsClient: ReceiptIssuing, ReceiptVoiding {
    private let caller: GatewayCaller

    public init(configuration: GatewayConfiguration, httpClient: CurlHTTPClient) {
        caller = GatewayCaller(api: .receipts, configuration: configuration, http: httpClient)
    }

    private struct IssueRequest: Encodable {
        struct Price: Encodable {
            var money_amount: String
            var money_currency: String
        }

        var ticket_id: String
        var price: Price
        var idempotency_key: String
    }

    private struct IssuedResponse: Decodable {
        var number: String
        var issued_at: String
    }

    private struct VoidRequest: Encodable {
        var ticket_id: String
        var reason: String
        var idempotent_id: String
    }

    private struct UnreadableTimestamp: Error, CustomStringConvertible {
        var text: String
        var description: String { "issued_at \(text.debugDescription) is not an RFC 3339 timestamp" }
    }

    public func issueReceipt(ticketID: UUID, price: Money, idempotencyKey: String) async throws -> IssuedReceipt {
        let request = IssueRequest(
            ticket_id: ticketID.uuidString.lowercased(),
            price: .init(money_amount: price.amount, money_currency: price.currency),
            idempotency_key: idempotencyKey
        )
        return try await caller.callJSON(.put, "/receipts", body: request, accepting: [200, 201]) { response in
            let issued = try JSONDecoder().decode(IssuedResponse.self, from: response.body)
            guard let issuedAt = RFC3339.date(from: issued.issued_at) else {
                throw UnreadableTimestamp(text: issued.issued_at)
            }
            return IssuedReceipt(number: issued.number, issuedAt: issuedAt)
        }
    }

    public func voidReceipt(ticketID: UUID, reason: String, idempotencyKey: String) async throws {
        let request = VoidRequest(ticket_id: ticketID.uuidString.lowercased(), reason: reason, idempotent_id: idempotencyKey)
        try await caller.callJSON(.put, "/void-receipt", body: request)
    }
}
