import Adapters
import Entities
import Foundation
import Message
import Testing

@Suite("Postgres data lake")
struct PostgresDataLakeTests {
    @Test("an event id is stored once: a redelivery keeps the first")
    func storeIsIdempotentByEventID() async throws {
        try await PersistenceTestContext.run { context in
            let lake = PostgresDataLake(client: context.postgres)
            let eventID = UUID()
            try await lake.store(eventID: eventID, name: "TicketPrinted_v1", publishedAt: Self.at(0), payload: Self.payload(1))
            try await lake.store(eventID: eventID, name: "TicketRefunded_v1", publishedAt: Self.at(5), payload: Self.payload(2))

            #expect(try await context.rowCount(of: .events) == 1)
            let events = try await lake.allEvents()
            #expect(events.map(\.name) == ["TicketPrinted_v1"])
            #expect(try JSONDocument.content(of: events[0].payload) == JSONDocument.content(of: Self.payload(1)))
        }
    }

    @Test("published_at is a timestamp without time zone holding the UTC time")
    func publishedAtIsUTCTimestamp() async throws {
        try await PersistenceTestContext.run { context in
            let lake = PostgresDataLake(client: context.postgres)
            let publishedAt = try #require(RFC3339.date(from: "2024-05-01T23:59:59.25Z"))
            try await lake.store(eventID: UUID(), name: "TicketPrinted_v1", publishedAt: publishedAt, payload: Self.payload(1))

            let row = try await context.postgres.transaction { connection in
                // A session in another zone sees the same wall-clock value: it is stored as UTC.
                try connection.execute("SET LOCAL TimeZone = 'America/New_York'")
                return try connection.query("SELECT published_at::text AS text, pg_typeof(published_at)::text AS type FROM events")[0]
            }
            #expect(try row.decode(String.self, column: "type") == "timestamp without time zone")
            #expect(try row.decode(String.self, column: "text") == "2024-05-01 23:59:59.25")
        }
    }

    @Test("events come back oldest first, ties in event id order, whatever order they were stored in")
    func allEventsInPublicationOrder() async throws {
        try await PersistenceTestContext.run { context in
            let lake = PostgresDataLake(client: context.postgres)
            let tieIDs = [UUID(), UUID()].sorted { $0.uuidString < $1.uuidString }
            let stored: [(id: UUID, name: String, at: Date)] = [
                (UUID(), "third", Self.at(30)),
                (tieIDs[1], "second-b", Self.at(20)),
                (UUID(), "first", Self.at(10)),
                (tieIDs[0], "second-a", Self.at(20)),
            ]
            for (index, event) in stored.enumerated() {
                try await lake.store(eventID: event.id, name: event.name, publishedAt: event.at, payload: Self.payload(index))
            }

            let events = try await lake.allEvents()
            #expect(events.map(\.name) == ["first", "second-a", "second-b", "third"])
            #expect(try events.map { try JSONDocument.content(of: $0.payload) } == [2, 3, 1, 0].map { try JSONDocument.content(of: Self.payload($0)) })
        }
    }

    @Test("a payload that is not JSON is refused with its SQLSTATE")
    func nonJSONPayloadIsRefused() async throws {
        try await PersistenceTestContext.run { context in
            let error = await #expect(throws: PostgresError.self) {
                try await PostgresDataLake(client: context.postgres)
                    .store(eventID: UUID(), name: "TicketPrinted_v1", publishedAt: Self.at(0), payload: Data("not json".utf8))
            }
            let stored = try await context.rowCount(of: .events)
            #expect(error?.sqlState == "22P02")
            #expect(stored == 0)
        }
    }

    @Test("events stored at the same time are all kept, once each")
    func concurrentStoresAreAllKept() async throws {
        try await PersistenceTestContext.run { context in
            let lake = PostgresDataLake(client: context.postgres)
            let ids = (0..<300).map { _ in UUID() }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (index, id) in ids.enumerated() {
                    group.addTask { try await lake.store(eventID: id, name: "TicketPrinted_v1", publishedAt: Self.at(index), payload: Self.payload(index)) }
                    // The same event twice at once (a redelivery racing the first delivery).
                    if index % 50 == 0 {
                        group.addTask { try await lake.store(eventID: id, name: "TicketPrinted_v1", publishedAt: Self.at(index), payload: Self.payload(index)) }
                    }
                }
                try await group.waitForAll()
            }
            let stored = try await context.rowCount(of: .events)
            let events = try await lake.allEvents()
            #expect(stored == 300)
            #expect(events.count == 300)
        }
    }

    @Test("an event Postgres refuses fails only its own store, not the others stored at the same time")
    func aRefusedEventFailsOnlyItsOwnStore() async throws {
        try await PersistenceTestContext.run { context in
            let lake = PostgresDataLake(client: context.postgres)
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for index in 0..<40 {
                    let payload = index == 17 ? Data("not json".utf8) : Self.payload(index)
                    group.addTask {
                        (try? await lake.store(eventID: UUID(), name: "TicketPrinted_v1", publishedAt: Self.at(index), payload: payload)) != nil
                    }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            let stored = try await context.rowCount(of: .events)
            #expect(outcomes.filter { !$0 }.count == 1)
            #expect(stored == 39)
        }
    }

    private static func at(_ seconds: Int) -> Date {
        PersistenceSamples.startTime.addingTimeInterval(TimeInterval(seconds))
    }

    private static func payload(_ number: Int) -> Data {
        Data(#"{"header":{"id":"e\#(number)"},"ticket_id":"t\#(number)","file_name":"f/\#(number).html"}"#.utf8)
    }
}
