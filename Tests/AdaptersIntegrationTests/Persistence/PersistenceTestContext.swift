import Adapters
import Entities
import Foundation
import Message

/// What a persistence test works with: a migrated schema of its own and the bus the service
/// publishes with, plus ways to look at what the repositories wrote.
struct PersistenceTestContext: Sendable {
    let postgres: PostgresClient
    let bus: MessageBus

    /// Runs `body` on a fresh migrated schema, dropped afterwards.
    static func run(poolSize: Int = 4, _ body: (PersistenceTestContext) async throws -> Void) async throws {
        try await MigratedTestSchema.run(poolSize: poolSize) { client, _ in
            try await body(PersistenceTestContext(postgres: client, bus: MessageBus(topology: try BusTopology())))
        }
    }

    var bookings: PostgresBookingsRepository { PostgresBookingsRepository(client: postgres, bus: bus) }
    var holds: PostgresHoldsRepository { PostgresHoldsRepository(client: postgres, bus: bus) }

    /// A new show with `capacity` seats, stored.
    func createShow(capacity: Int) async throws -> Show {
        let show = PersistenceSamples.show(capacity: capacity)
        try await PostgresShowsRepository(client: postgres).create(show)
        return show
    }

    /// The rows of the outbox in the order they were written.
    func outbox() async throws -> [OutgoingMessage] {
        try await postgres.query("SELECT topic, message_uuid, payload, metadata FROM outbox ORDER BY id").map { row in
            OutgoingMessage(
                topic: try row.decode(column: "topic"),
                envelope: Envelope(
                    uuid: try row.decode(column: "message_uuid"),
                    metadata: try row.decode(PostgresJSON.self, column: "metadata").decode([String: String].self),
                    payload: try row.decode(column: "payload")))
        }
    }

    func rowCount(of table: TicketsTable) async throws -> Int {
        try await postgres.query("SELECT count(*) AS count FROM \(table.rawValue)")[0].decode(column: "count")
    }

    func rowCounts(of tables: [TicketsTable]) async throws -> [TicketsTable: Int] {
        var counts: [TicketsTable: Int] = [:]
        for table in tables {
            counts[table] = try await rowCount(of: table)
        }
        return counts
    }
}

/// The tables of the schema whose rows the tests count. A closed set: table names cannot be
/// bound as parameters, so only these constants are ever spliced into SQL.
enum TicketsTable: String {
    case shows
    case bookings
    case ticketStatusChanges = "ticket_status_changes"
    case tickets
    case refundRequests = "refund_requests"
    case outbox
    case processedMessages = "processed_messages"
    case events
    case readModelOpsBookings = "read_model_ops_bookings"
    case holds
}
