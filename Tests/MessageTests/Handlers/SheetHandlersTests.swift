import Entities
import Foundation
import Message
import Testing

/// Confirmed tickets go to `tickets-to-print`, canceled ones to `tickets-to-refund`, once each,
/// with the event's idempotency key so that the sheet adds no second row when a call is repeated.
@Suite struct SheetHandlersTests {
    let gateway = RecordingGateway()
    let processed = InMemoryProcessedMessages()
    static let row = ["a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d", "ana@example.com", "100.00", "EUR"]
    static let confirmed = TicketBookingConfirmed_v1(
        header: Samples.header, ticketID: Samples.ticketID, customerEmail: "ana@example.com", price: Samples.price, bookingID: Samples.bookingID
    )
    static let canceled = TicketBookingCanceled_v1(
        header: Samples.header, ticketID: Samples.ticketID, customerEmail: "ana@example.com", price: Samples.price, bookingID: Samples.bookingID
    )

    @Test func confirmedTicketIsAppendedToThePrintSheetOnce() async throws {
        let handler = AppendToPrintSheetHandler(sheets: gateway, processed: processed)
        let context = MessageContext.delivery(to: AppendToPrintSheetHandler.name)
        try await handler.handle(Self.confirmed, context: context)
        try await handler.handle(Self.confirmed, context: context)

        #expect(gateway.calls == [.appendRow(sheet: "tickets-to-print", columns: Self.row, idempotencyKey: Samples.header.idempotencyKey)])
        #expect(processed.keys == [ProcessingKey(handler: "AppendToTicketsToPrint", messageUUID: context.messageUUID)])
    }

    @Test func canceledTicketIsAppendedToTheRefundSheetOnce() async throws {
        let handler = AppendToRefundSheetHandler(sheets: gateway, processed: processed)
        let context = MessageContext.delivery(to: AppendToRefundSheetHandler.name)
        try await handler.handle(Self.canceled, context: context)
        try await handler.handle(Self.canceled, context: context)

        #expect(gateway.calls == [.appendRow(sheet: "tickets-to-refund", columns: Self.row, idempotencyKey: Samples.header.idempotencyKey)])
        #expect(processed.keys == [ProcessingKey(handler: "AppendToTicketsToRefund", messageUUID: context.messageUUID)])
    }

    @Test func failedAppendThrowsAndIsDoneOnTheRetry() async throws {
        let handler = AppendToPrintSheetHandler(sheets: gateway, processed: processed)
        let context = MessageContext.delivery(to: AppendToPrintSheetHandler.name)
        gateway.failNext()
        await #expect(throws: RecordingGateway.Unreachable.self) { try await handler.handle(Self.confirmed, context: context) }
        #expect(processed.keys.isEmpty)

        try await handler.handle(Self.confirmed, context: context)
        #expect(gateway.calls == [.appendRow(sheet: "tickets-to-print", columns: Self.row, idempotencyKey: Samples.header.idempotencyKey)])
    }

    @Test func readsItsEventFromTheEnvelope() async throws {
        let handler = AppendToPrintSheetHandler(sheets: gateway, processed: processed).reading(try BusTopology())
        #expect(handler.name == "AppendToTicketsToPrint")
        #expect(handler.topic == "events.TicketBookingConfirmed_v1")
        let envelope = try BusMessageMarshaler.marshal(Self.confirmed)
        try await handler.handle(envelope, context: .delivery(to: handler.name, messageUUID: envelope.uuid))
        #expect(gateway.calls == [.appendRow(sheet: "tickets-to-print", columns: Self.row, idempotencyKey: Samples.header.idempotencyKey)])
    }
}
