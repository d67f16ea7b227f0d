import Entities
import Foundation
import Metrics

/// Issues the receipt of a confirmed ticket (idempotent at the receipts API by the event's key)
/// and publishes `TicketReceiptIssued_v1`.
public struct IssueReceiptHandler: TypedMessageHandler {
    public static let name = "IssueReceipt"
    let receipts: any ReceiptIssuing
    let publisher: any EventPublishing
    private let confirmedToReceipt = Metrics.Timer(label: "ticket_confirmed_to_receipt_seconds", preferredDisplayUnit: .seconds)

    public init(receipts: any ReceiptIssuing, publisher: any EventPublishing) {
        self.receipts = receipts
        self.publisher = publisher
    }

    public func handle(_ event: TicketBookingConfirmed_v1, context: MessageContext) async throws {
        let receipt = try await receipts.issueReceipt(ticketID: event.ticketID, price: event.price, idempotencyKey: event.header.idempotencyKey)
        let issued = TicketReceiptIssued_v1(
            header: .new(idempotencyKey: event.header.idempotencyKey),
            ticketID: event.ticketID,
            receiptNumber: receipt.number,
            issuedAt: receipt.issuedAt
        )
        try await publisher.publish([issued], once: processingKey(context))
        confirmedToReceipt.record(Date().timeIntervalSince(event.header.publishedAt))
    }
}
