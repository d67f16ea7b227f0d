import Entities
import Foundation
import Message
import Testing

/// The ticket file `<ticket_id>-ticket.html`, then `TicketPrinted_v1`.
@Suite struct PrintTicketHandlerTests {
    let gateway = RecordingGateway()
    let publisher = RecordingEventPublisher()
    var handler: PrintTicketHandler { PrintTicketHandler(files: gateway, publisher: publisher) }
    static let fileName = "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d-ticket.html"

    @Test func storesTheTicketFileAndPublishesItsName() async throws {
        let context = MessageContext.delivery(to: PrintTicketHandler.name)
        try await handler.handle(SheetHandlersTests.confirmed, context: context)

        guard case let .storeFile(fileID, content) = try #require(gateway.calls.first) else {
            Issue.record("expected a stored file, got \(gateway.calls)")
            return
        }
        #expect(gateway.calls.count == 1)
        #expect(fileID == Self.fileName)
        #expect(content.contains("<html"))
        #expect(content.contains("a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"))
        #expect(content.contains(">100.00<"))
        #expect(content.contains(">EUR<"))

        let publication = try #require(publisher.publications.first)
        #expect(publication.key == ProcessingKey(handler: "PrintTicket", messageUUID: context.messageUUID))
        let printed = try #require(publication.events.first as? TicketPrinted_v1)
        #expect(printed.ticketID == Samples.ticketID)
        #expect(printed.fileName == Self.fileName)
        #expect(printed.header.idempotencyKey == "req-7/a1b2")
        #expect(printed.header.id != Samples.headerID)
    }

    @Test func escapesWhatItWritesIntoTheHTML() async throws {
        var event = SheetHandlersTests.confirmed
        event.price = Money(amount: "<b>1</b>", currency: "E&R")
        try await handler.handle(event, context: .delivery(to: PrintTicketHandler.name))
        guard case let .storeFile(_, content) = try #require(gateway.calls.first) else { return }
        #expect(content.contains("&lt;b&gt;1&lt;/b&gt;"))
        #expect(content.contains("E&amp;R"))
        #expect(!content.contains("<b>"))
    }

    @Test func failedStoreThrowsAndPublishesNothing() async throws {
        gateway.failNext()
        await #expect(throws: RecordingGateway.Unreachable.self) {
            try await handler.handle(SheetHandlersTests.confirmed, context: .delivery(to: PrintTicketHandler.name))
        }
        #expect(publisher.publications.isEmpty)
    }
}
