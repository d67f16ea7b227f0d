import Message
import Entities
import Foundation

/// Shows in the `shows` table.
public struct PostgresShowsRepository: ShowsRepository {
    let client: PostgresClient

    public init(client: PostgresClient) {
        self.client = client
    }

    /// The batch of one, its clash named as the single-show error.
    public func create(_ show: Show) async throws {
        do {
            try await create([show])
        } catch ShowCreationError.duplicateDeadNationIDs(let existing) {
            guard let existingShowID = existing[show.deadNationID] else { throw ShowCreationError.duplicateDeadNationIDs(existing) }
            throw ShowCreationError.duplicateDeadNationID(existingShowID: existingShowID)
        }
    }

    /// One multi-row INSERT (six parameters a show: 1,000 shows stay far below the protocol's
    /// 65,535); when any Dead Nation id has a show already the transaction rolls back.
    public func create(_ shows: [Show]) async throws {
        guard !shows.isEmpty else { return }
        try await client.transaction { connection in
            let parameters: [any PostgresEncodable] = shows.flatMap { show -> [any PostgresEncodable] in
                [show.showID, show.deadNationID, show.numberOfTickets, show.startTime, show.title, show.venue]
            }
            let inserted = try connection.query(
                "INSERT INTO shows (show_id, dead_nation_id, number_of_tickets, start_time, title, venue) VALUES "
                    + PostgresValuesList.placeholders(rows: shows.count, columns: 6)
                    + " ON CONFLICT (dead_nation_id) DO NOTHING RETURNING show_id",
                parameters)
            guard inserted.count < shows.count else { return }
            let clashing = "{" + shows.map { $0.deadNationID.uuidString.lowercased() }.joined(separator: ",") + "}"
            let existing = try connection.query(
                "SELECT dead_nation_id, show_id FROM shows WHERE dead_nation_id = ANY($1::uuid[]) AND NOT (show_id = ANY($2::uuid[]))",
                [clashing, "{" + shows.map { $0.showID.uuidString.lowercased() }.joined(separator: ",") + "}"])
            throw ShowCreationError.duplicateDeadNationIDs(Dictionary(
                try existing.map { (try $0.decode(UUID.self, column: "dead_nation_id"), try $0.decode(UUID.self, column: "show_id")) },
                uniquingKeysWith: { first, _ in first }))
        }
    }

    public func show(id: UUID) async throws -> Show? {
        try await client.query("""
            SELECT show_id, dead_nation_id, number_of_tickets, start_time, title, venue FROM shows WHERE show_id = $1
            """, [id]).first.map(Self.show(from:))
    }

    /// Holds whose time ran out are not counted as held, whether the sweeper reached them or not.
    public func availability(of showID: UUID) async throws -> ShowAvailability? {
        try await client.query("""
            SELECT show_id, dead_nation_id, number_of_tickets, start_time, title, venue, booked_seats,
                held_seats - (SELECT coalesce(sum(number_of_tickets), 0) FROM holds h
                              WHERE h.show_id = s.show_id AND h.state = 'held' AND h.expires_at <= now())::int AS held
            FROM shows s WHERE show_id = $1
            """, [showID]).first.map { row in
            ShowAvailability(show: try Self.show(from: row), booked: try row.decode(column: "booked_seats"), held: try row.decode(column: "held"))
        }
    }

    private static func show(from row: PostgresRow) throws -> Show {
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
