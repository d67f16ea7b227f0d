import Entities
import Foundation
import Message
import Testing

/// Bookings forwarded to Dead Nation under the show's Dead Nation id.
@Suite struct BookAtDeadNationHandlerTests {
    static let deadNationID = UUID(uuidString: "9E8D7C6B-5A4F-4E3D-8C2B-1A0F9E8D7C6B")!
    static let show = Show(
        showID: Samples.showID, deadNationID: deadNationID, numberOfTickets: 100, startTime: Samples.publishedAt, title: "Quartet", venue: "Hall"
    )
    static let booking = BookingMade_v1(header: Samples.header, bookingID: Samples.bookingID, showID: Samples.showID, numberOfTickets: 3, customerEmail: "ana@example.com")

    let gateway = RecordingGateway()
    let processed = InMemoryProcessedMessages()

    func handler(shows: [Show] = [show]) -> BookAtDeadNationHandler {
        BookAtDeadNationHandler(shows: InMemoryShows(shows), deadNation: gateway, processed: processed)
    }

    @Test func booksAtDeadNationOnce() async throws {
        let handler = handler()
        let context = MessageContext.delivery(to: BookAtDeadNationHandler.name)
        try await handler.handle(Self.booking, context: context)
        try await handler.handle(Self.booking, context: context)

        #expect(gateway.calls == [.bookTickets(bookingID: Samples.bookingID, customerAddress: "ana@example.com", eventID: Self.deadNationID, numberOfTickets: 3)])
        #expect(processed.keys == [ProcessingKey(handler: "BookAtDeadNation", messageUUID: context.messageUUID)])
    }

    @Test func unknownShowIsUnprocessable() async throws {
        let error = await #expect(throws: UnprocessableMessage.self) {
            try await handler(shows: []).handle(Self.booking, context: .delivery(to: BookAtDeadNationHandler.name))
        }
        #expect(error?.reason.contains(Samples.showID.uuidString) == true)
        #expect(gateway.calls.isEmpty)
    }

    @Test func failedBookingThrowsAndIsDoneOnTheRetry() async throws {
        let handler = handler()
        let context = MessageContext.delivery(to: BookAtDeadNationHandler.name)
        gateway.failNext()
        await #expect(throws: RecordingGateway.Unreachable.self) { try await handler.handle(Self.booking, context: context) }
        #expect(processed.keys.isEmpty)
        try await handler.handle(Self.booking, context: context)
        #expect(gateway.calls.count == 1)
    }
}
