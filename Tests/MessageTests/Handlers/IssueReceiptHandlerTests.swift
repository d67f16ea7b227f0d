import Entities
import Foundation
import Message
import Testing

/// A receipt issued under the event's idempotency key, then `TicketReceiptIssued_v1`.
@Suite struct IssueReceiptHandlerTests {
    let gateway = RecordingGateway(receipt: IssuedReceipt(number: "RCPT-77", issuedAt: Date(timeIntervalSince1970: 1_714_557_700)))
    let publisher = RecordingEventPublisher()
    var handler: IssueReceiptHandler { IssueReceiptHandler(receipts: gateway, publisher: publisher) }

    @Test func issuesTheReceiptAndPublishesItUnderTheSameKey() async throws {
        let context = MessageContext.delivery(to: IssueReceiptHandler.name)
        try await handler.handle(SheetHandlersTests.confirmed, context: context)

        #expect(gateway.calls == [.issueReceipt(ticketID: Samples.ticketID, price: Samples.price, idempotencyKey: "req-7/a1b2")])
        let publication = try #require(publisher.publications.first)
        #expect(publisher.publications.count == 1)
        #expect(publication.key == ProcessingKey(handler: "IssueReceipt", messageUUID: context.messageUUID))
        let issued = try #require(publication.events.first as? TicketReceiptIssued_v1)
        #expect(publication.events.count == 1)
        #expect(issued.ticketID == Samples.ticketID)
        #expect(issued.receiptNumber == "RCPT-77")
        #expect(issued.issuedAt == Date(timeIntervalSince1970: 1_714_557_700))
        #expect(issued.header.idempotencyKey == "req-7/a1b2")
        #expect(issued.header.id != Samples.headerID)
    }

    @Test func failedIssueThrowsAndPublishesNothing() async throws {
        gateway.failNext()
        await #expect(throws: RecordingGateway.Unreachable.self) {
            try await handler.handle(SheetHandlersTests.confirmed, context: .delivery(to: IssueReceiptHandler.name))
        }
        #expect(publisher.publications.isEmpty)
    }
}
