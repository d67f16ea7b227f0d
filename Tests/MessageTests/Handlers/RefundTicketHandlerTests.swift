import Entities
import Foundation
import Message
import Testing

/// Void the receipt, refund the payment, both under the command's key, then `TicketRefunded_v1`.
@Suite struct RefundTicketHandlerTests {
    let gateway = RecordingGateway()
    let publisher = RecordingEventPublisher()
    var handler: RefundTicketHandler { RefundTicketHandler(receipts: gateway, payments: gateway, publisher: publisher) }
    static let command = RefundTicket(header: Samples.header, ticketID: Samples.ticketID)

    @Test func voidsRefundsAndPublishes() async throws {
        let context = MessageContext.delivery(to: RefundTicketHandler.name)
        try await handler.handle(Self.command, context: context)

        #expect(
            gateway.calls == [
                .voidReceipt(ticketID: Samples.ticketID, reason: "ticket refunded", idempotencyKey: "req-7/a1b2"),
                .refundPayment(paymentReference: "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d", reason: "ticket refunded", deduplicationID: "req-7/a1b2"),
            ])
        let publication = try #require(publisher.publications.first)
        #expect(publication.key == ProcessingKey(handler: "RefundTicket", messageUUID: context.messageUUID))
        let refunded = try #require(publication.events.first as? TicketRefunded_v1)
        #expect(refunded.ticketID == Samples.ticketID)
        #expect(refunded.header.idempotencyKey == "req-7/a1b2")
        #expect(refunded.header.id != Samples.headerID)
    }

    @Test func failedVoidStopsBeforeTheRefund() async throws {
        gateway.failNext()
        await #expect(throws: RecordingGateway.Unreachable.self) {
            try await handler.handle(Self.command, context: .delivery(to: RefundTicketHandler.name))
        }
        #expect(gateway.calls.isEmpty)
        #expect(publisher.publications.isEmpty)
    }

    @Test func failedRefundPublishesNothing() async throws {
        let failingPayments = RecordingGateway()
        failingPayments.failNext()
        let handler = RefundTicketHandler(receipts: gateway, payments: failingPayments, publisher: publisher)
        await #expect(throws: RecordingGateway.Unreachable.self) {
            try await handler.handle(Self.command, context: .delivery(to: RefundTicketHandler.name))
        }
        #expect(gateway.calls.count == 1)
        #expect(publisher.publications.isEmpty)
    }
}
