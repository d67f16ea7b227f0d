import Message
import Entities
import Foundation

/// Shows in the `shows` table.
public struct PostgresShowsRepository: ShowsRepository {
    let client: PostgresClient

    public init(client: PostgresClient) {
        self.client = client
    }

    public func create(_ show: Show) async throws {
        let existing: UUID? = try await client.transaction { connection in
            let inserted = try connection.execute("""
                INSERT INTO shows (show_id, dead_nation_id, number_of_tickets, start_time, title, venue)
                VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT (dead_nation_id) DO NOTHING
                """, [show.showID, show.deadNationID, show.numberOfTickets, show.startTime, show.title, show.venue])
            guard inserted == 0 else { return nil }
            return try connection.query("SELECT show_id FROM shows WHERE dead_nation_id = $1", [show.deadNationID])
                .first?.decode(UUID.self, column: "show_id")
        }
        if let existing { throw ShowCreationError.duplicateDeadNationID(existingShowID: existing) }
    }

    public func show(id: UUID) async throws -> Show? {
        try await client.query("""
            SELECT show_id, dead_nation_id, number_of_tickets, start_time, title, venue FROM shows WHERE show_id = $1
            """, [id]).first.map { row in
            Show(
                showID: try row.decode(column: "show_id"),
                deadNationID: try row.decode(column: "dead_nation_id"),
                numberOfTickets: try row.decode(column: "number_of_tickets"),
                startTime: try row.decode(column: "start_time"),
                title: try row.decode(column: "title"),
                venue: try row.decode(column: "venue")
            )
        }
    }
}
