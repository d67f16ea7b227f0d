import Message
import Entities
import Foundation

/// The data lake table `events`: every public event once, by its header id.
public struct PostgresDataLake: DataLake {
    let client: PostgresClient

    public init(client: PostgresClient) {
        self.client = client
    }

    public func store(eventID: UUID, name: String, publishedAt: Date, payload: Data) async throws {
        try await client.execute("""
            INSERT INTO events (event_id, published_at, event_name, event_payload)
            VALUES ($1, $2::timestamptz AT TIME ZONE 'UTC', $3, $4)
            ON CONFLICT (event_id) DO NOTHING
            """, [eventID, publishedAt, name, PostgresJSON(data: payload)])
    }

    public func allEvents() async throws -> [(name: String, payload: Data)] {
        try await client.query("SELECT event_name, event_payload FROM events ORDER BY published_at, event_id").map { row in
            (name: try row.decode(String.self, column: "event_name"), payload: try row.decode(PostgresJSON.self, column: "event_payload").data)
        }
    }
}
