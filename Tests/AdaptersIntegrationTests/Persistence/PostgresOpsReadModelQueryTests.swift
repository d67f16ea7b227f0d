import Adapters
import Entities
import Foundation
import Message
import Testing
import TestSupport

@Suite("Postgres ops read model: queries and rebuild")
struct PostgresOpsReadModelQueryTests {
    typealias Events = OpsReadModelEvents

    @Test("the receipt filter takes bookings by UTC day: 23:59:59Z is the day before 00:00:00Z")
    func receiptFilterByUTCDay() async throws {
        try await PersistenceTestContext.run { context in
            let readModel = PostgresOpsReadModelTests.readModel(context)
            let late = try await Self.bookingWithReceipt(issuedAt: "2024-05-01T23:59:59Z", in: readModel)
            let early = try await Self.bookingWithReceipt(issuedAt: "2024-05-02T00:00:00Z", in: readModel)
            let withoutReceipt = UUID()
            try await OpsReadModelDelivery(Events.confirmed(UUID(), of: withoutReceipt, at: 1)).apply(to: readModel)

            #expect(try await Self.ids(readModel, day: "2024-05-01") == [late])
            #expect(try await Self.ids(readModel, day: "2024-05-02") == [early])
            #expect(try await Self.ids(readModel, day: "2024-04-30") == [])
            #expect(try await Self.ids(readModel, day: nil) == Self.inIDOrder([late, early, withoutReceipt]))
        }
    }

    @Test("a receipt waiting for its confirmation counts for the filter once the booking is known")
    func waitingReceiptCountsOnceConfirmed() async throws {
        try await PersistenceTestContext.run { context in
            let readModel = PostgresOpsReadModelTests.readModel(context)
            let bookingID = UUID()
            let ticketID = UUID()
            try await OpsReadModelDelivery(Events.receipt(ticketID, number: "R-1", issuedAt: 10, publishedAt: 11)).apply(to: readModel)
            #expect(try await Self.ids(readModel, day: "2024-05-01") == [])

            try await OpsReadModelDelivery(Events.confirmed(ticketID, of: bookingID, at: 1)).apply(to: readModel)
            #expect(try await Self.ids(readModel, day: "2024-05-01") == [bookingID])
        }
    }

    @Test("pages follow booking id order: after the last id of a page comes the next page")
    func pagingInIDOrder() async throws {
        try await PersistenceTestContext.run { context in
            let readModel = PostgresOpsReadModelTests.readModel(context)
            var bookingIDs: [UUID] = []
            for second in 0..<5 {
                let bookingID = UUID()
                try await OpsReadModelDelivery(Events.booked(bookingID, at: Double(second))).apply(to: readModel)
                bookingIDs.append(bookingID)
            }
            let ordered = Self.inIDOrder(bookingIDs)

            var pages: [[UUID]] = []
            var after: UUID?
            repeat {
                let page = try await readModel.bookings(receiptIssuedOn: nil, after: after, limit: 2).map(\.bookingID)
                pages.append(page)
                after = page.last
            } while after != nil
            #expect(pages == [Array(ordered[0..<2]), Array(ordered[2..<4]), [ordered[4]], []])
        }
    }

    @Test("paging and the receipt filter combine")
    func pagingWithReceiptFilter() async throws {
        try await PersistenceTestContext.run { context in
            let readModel = PostgresOpsReadModelTests.readModel(context)
            var sameDay: [UUID] = []
            for time in ["2024-05-01T08:00:00Z", "2024-05-01T12:00:00Z", "2024-05-01T16:00:00Z"] {
                sameDay.append(try await Self.bookingWithReceipt(issuedAt: time, in: readModel))
            }
            _ = try await Self.bookingWithReceipt(issuedAt: "2024-05-03T12:00:00Z", in: readModel)
            let ordered = Self.inIDOrder(sameDay)

            let first = try await readModel.bookings(receiptIssuedOn: "2024-05-01", after: nil, limit: 2).map(\.bookingID)
            let second = try await readModel.bookings(receiptIssuedOn: "2024-05-01", after: first.last, limit: 2).map(\.bookingID)
            #expect(first == Array(ordered[0..<2]))
            #expect(second == [ordered[2]])
        }
    }

    @Test("a day that is not a date is refused with its SQLSTATE")
    func malformedDayIsRefused() async throws {
        try await PersistenceTestContext.run { context in
            let error = await #expect(throws: PostgresError.self) {
                try await PostgresOpsReadModelTests.readModel(context).bookings(receiptIssuedOn: "2024-13-01", after: nil, limit: 10)
            }
            #expect(error?.sqlState == "22008")
        }
    }

    @Test("replace rebuilds the documents the changes made, drops the others, and publishes nothing")
    func replaceRebuildsTheSameDocuments() async throws {
        let deliveries = try OpsReadModelEvents.threeBookings()
        try await PersistenceTestContext.run { context in
            let readModel = PostgresOpsReadModelTests.readModel(context)
            for delivery in deliveries {
                try await delivery.apply(to: readModel)
            }
            let applied = try await readModel.allDocuments()
            let stale = UUID()
            try await OpsReadModelDelivery(Events.booked(stale, at: 0)).apply(to: readModel)
            let outbox = try await context.outbox()

            var random = SeededRandom(seed: 7)
            try await readModel.replace(with: deliveries.map(\.change).shuffled(using: &random))

            #expect(try await readModel.allDocuments() == applied)
            #expect(try await readModel.booking(id: stale) == nil)
            #expect(try await context.outbox() == outbox)
        }
    }

    @Test("replace with no changes empties the read model")
    func replaceWithNothingEmpties() async throws {
        try await PersistenceTestContext.run { context in
            let readModel = PostgresOpsReadModelTests.readModel(context)
            try await OpsReadModelDelivery(Events.booked(UUID(), at: 0)).apply(to: readModel)
            try await readModel.replace(with: [])
            #expect(try await readModel.allDocuments().isEmpty)
        }
    }

    /// A confirmed ticket with a receipt issued at `time`; returns its booking.
    private static func bookingWithReceipt(issuedAt time: String, in readModel: PostgresOpsReadModel) async throws -> UUID {
        let bookingID = UUID()
        let ticketID = UUID()
        let issued = try #require(RFC3339.date(from: time)).timeIntervalSince(Events.at(0))
        try await OpsReadModelDelivery(Events.confirmed(ticketID, of: bookingID, at: 1)).apply(to: readModel)
        try await OpsReadModelDelivery(Events.receipt(ticketID, number: "R-\(time)", issuedAt: issued, publishedAt: issued)).apply(to: readModel)
        return bookingID
    }

    private static func ids(_ readModel: PostgresOpsReadModel, day: String?) async throws -> [UUID] {
        try await readModel.bookings(receiptIssuedOn: day, after: nil, limit: 100).map(\.bookingID)
    }

    /// Postgres orders uuids by their bytes, which is the order of their hex strings.
    private static func inIDOrder(_ ids: [UUID]) -> [UUID] {
        ids.sorted { $0.uuidString < $1.uuidString }
    }
}
