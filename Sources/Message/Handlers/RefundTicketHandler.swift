import Entities

/// Refunds a ticket: voids its receipt, refunds its payment (both deduplicated by the command's
/// idempotency key at the gateway) and publishes `TicketRefunded_v1`.
public struct RefundTicketHandler: TypedMessageHandler {
    public static let name = "RefundTicket"
    static let reason = "ticket refunded"
    let receipts: any ReceiptVoiding
    let payments: any PaymentRefunding
    let publisher: any EventPublishing

    public init(receipts: any ReceiptVoiding, payments: any PaymentRefunding, publisher: any EventPublishing) {
        self.receipts = receipts
        self.payments = payments
        self.publisher = publisher
    }

    public func handle(_ command: RefundTicket, context: MessageContext) async throws {
        let key = command.header.idempotencyKey
        try await receipts.voidReceipt(ticketID: command.ticketID, reason: Self.reason, idempotencyKey: key)
        try await payments.refundPayment(paymentReference: command.ticketID.uuidString.lowercased(), reason: Self.reason, deduplicationID: key)
        let refunded = TicketRefunded_v1(header: .new(idempotencyKey: key), ticketID: command.ticketID)
        try await publisher.publish([refunded], once: processingKey(context))
    }
}
