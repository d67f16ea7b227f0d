import Message
import Entities
import Foundation

/// The data lake table `events`: every public event once, by its header id.
///
/// Events stored at the same time go in one multi-row INSERT (`WriteCoalescer`): the data lake
/// handler receives every public event, several per ticket, and one commit each made it the
/// pipeline's busiest stage. Each `store` still returns only once its own event is committed.
public struct PostgresDataLake: DataLake {
    /// Four parameters an event: 256 events stay far below the protocol's 65,535 parameters.
    static let maxBatch = 256

    let client: PostgresClient
    private let writes: WriteCoalescer<StoredEvent>

    private struct StoredEvent: Sendable {
        let eventID: UUID
        let name: String
        let publishedAt: Date
        let payload: Data
    }

    public init(client: PostgresClient) {
        self.client = client
        writes = WriteCoalescer(maxBatch: Self.maxBatch) { events in
            try await Self.insert(events, client: client)
        }
    }

    public func store(eventID: UUID, name: String, publishedAt: Date, payload: Data) async throws {
        try await writes.submit(StoredEvent(eventID: eventID, name: name, publishedAt: publishedAt, payload: payload))
    }

    public func allEvents() async throws -> [(name: String, payload: Data)] {
        try await client.query("SELECT event_name, event_payload FROM events ORDER BY published_at, event_id").map { row in
            (name: try row.decode(String.self, column: "event_name"), payload: try row.decode(PostgresJSON.self, column: "event_payload").data)
        }
    }

    /// An event stored before (a redelivery, or twice in one batch) is skipped.
    private static func insert(_ events: [StoredEvent], client: PostgresClient) async throws {
        let parameters: [any PostgresEncodable] = events.flatMap { event -> [any PostgresEncodable] in
            [event.eventID, event.publishedAt, event.name, PostgresJSON(data: event.payload)]
        }
        try await client.execute(
            "INSERT INTO events (event_id, published_at, event_name, event_payload) "
                + "SELECT event_id, published_at AT TIME ZONE 'UTC', event_name, event_payload FROM (VALUES "
                + PostgresValuesList.placeholders(rows: events.count, columns: 4)
                + ") AS batch (event_id, published_at, event_name, event_payload) ON CONFLICT (event_id) DO NOTHING",
            parameters)
    }
}
