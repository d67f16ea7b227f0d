import Adapters
import Entities
import Foundation
import Testing

@Suite("Postgres shows repository: batches and availability")
struct PostgresShowsBulkTests {
    @Test("a batch of 1,000 shows is stored whole")
    func batchIsStored() async throws {
        try await PersistenceTestContext.run { context in
            let shows = PostgresShowsRepository(client: context.postgres)
            let batch = (0..<1000).map { PersistenceSamples.show(capacity: 1 + $0, title: "Show \($0)") }
            try await shows.create(batch)
            #expect(try await context.rowCount(of: .shows) == 1000)
            #expect(try await shows.show(id: batch[999].showID) == batch[999])
            #expect(try await shows.show(id: batch[0].showID) == batch[0])
        }
    }

    @Test("a batch with Dead Nation ids that have shows stores nothing and names each existing show")
    func batchWithDuplicatesStoresNothing() async throws {
        try await PersistenceTestContext.run { context in
            let shows = PostgresShowsRepository(client: context.postgres)
            let existing = [PersistenceSamples.show(), PersistenceSamples.show()]
            for show in existing { try await shows.create(show) }
            let batch = [
                PersistenceSamples.show(),
                PersistenceSamples.show(deadNationID: existing[1].deadNationID),
                PersistenceSamples.show(deadNationID: existing[0].deadNationID),
            ]
            await #expect(throws: ShowCreationError.duplicateDeadNationIDs([
                existing[0].deadNationID: existing[0].showID, existing[1].deadNationID: existing[1].showID,
            ])) {
                try await shows.create(batch)
            }
            #expect(try await context.rowCount(of: .shows) == 2)
            #expect(try await shows.show(id: batch[0].showID) == nil)
        }
    }

    @Test("availability: capacity, booked, held and available; an unknown show is nil")
    func availabilityFigures() async throws {
        try await PersistenceTestContext.run { context in
            let shows = PostgresShowsRepository(client: context.postgres)
            let show = PersistenceSamples.show(capacity: 10)
            try await shows.create(show)
            let (booking, event) = PersistenceSamples.booking(of: show.showID, seats: 3)
            try await context.bookings.book(booking, publishing: event)
            _ = try await context.holds.hold(PersistenceSamples.holdRequest(of: show.showID, seats: 2))

            #expect(try await shows.availability(of: show.showID) == ShowAvailability(show: show, booked: 3, held: 2))
            #expect(try await shows.availability(of: show.showID)?.available == 5)
            #expect(try await shows.availability(of: UUID()) == nil)
        }
    }
}
