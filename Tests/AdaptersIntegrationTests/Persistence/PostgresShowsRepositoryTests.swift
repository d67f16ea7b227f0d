import Adapters
import Entities
import Foundation
import Message
import Testing

@Suite("Postgres shows repository")
struct PostgresShowsRepositoryTests {
    @Test("a created show reads back with every field")
    func createdShowReadsBack() async throws {
        try await PersistenceTestContext.run { context in
            let shows = PostgresShowsRepository(client: context.postgres)
            let show = PersistenceSamples.show(capacity: 120, title: "Ünïcode & 'quotes'")
            try await shows.create(show)
            #expect(try await shows.show(id: show.showID) == show)
        }
    }

    @Test("start_time keeps microseconds and rounds what is finer")
    func startTimeKeepsMicroseconds() async throws {
        try await PersistenceTestContext.run { context in
            let shows = PostgresShowsRepository(client: context.postgres)
            var micro = PersistenceSamples.show()
            micro.startTime = try #require(RFC3339.date(from: "2024-05-01T10:00:00.123456Z"))
            var nano = PersistenceSamples.show()
            nano.startTime = try #require(RFC3339.date(from: "2024-05-01T10:00:00.1234567Z"))
            try await shows.create(micro)
            try await shows.create(nano)

            let microStart = try #require(try await shows.show(id: micro.showID)).startTime
            let nanoStart = try #require(try await shows.show(id: nano.showID)).startTime
            #expect(try RFC3339.string(from: microStart) == "2024-05-01T10:00:00.123456Z")
            #expect(try RFC3339.string(from: nanoStart) == "2024-05-01T10:00:00.123457Z")
        }
    }

    @Test("a second show with the same dead_nation_id is refused naming the first show")
    func duplicateDeadNationIDNamesTheFirstShow() async throws {
        try await PersistenceTestContext.run { context in
            let shows = PostgresShowsRepository(client: context.postgres)
            let first = PersistenceSamples.show()
            let second = PersistenceSamples.show(capacity: 5, deadNationID: first.deadNationID, title: "Another")
            try await shows.create(first)

            await #expect(throws: ShowCreationError.duplicateDeadNationID(existingShowID: first.showID)) {
                try await shows.create(second)
            }
            #expect(try await shows.show(id: second.showID) == nil)
            #expect(try await shows.show(id: first.showID) == first)
            #expect(try await context.rowCount(of: .shows) == 1)
        }
    }

    @Test("a show without seats is refused by the schema with its SQLSTATE")
    func showWithoutSeatsIsRefused() async throws {
        try await PersistenceTestContext.run { context in
            let shows = PostgresShowsRepository(client: context.postgres)
            let error = await #expect(throws: PostgresError.self) {
                try await shows.create(PersistenceSamples.show(capacity: 0))
            }
            let stored = try await context.rowCount(of: .shows)
            #expect(error?.sqlState == "23514")
            #expect(stored == 0)
        }
    }

    @Test("an unknown show id reads as nil")
    func unknownShowIsNil() async throws {
        try await PersistenceTestContext.run { context in
            let show = try await PostgresShowsRepository(client: context.postgres).show(id: UUID())
            #expect(show == nil)
        }
    }
}
