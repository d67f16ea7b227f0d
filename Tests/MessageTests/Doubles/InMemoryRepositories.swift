import Entities
import Foundation
import Synchronization
import TestSupport

/// `ShowsRepository` in memory.
final class InMemoryShows: ShowsRepository {
    private let shows = Mutex<[UUID: Show]>([:])

    init(_ initial: [Show] = []) {
        shows.withLock { shows in
            for show in initial { shows[show.showID] = show }
        }
    }

    func create(_ show: Show) async throws {
        try shows.withLock { shows throws(ShowCreationError) in
            if let existing = shows.values.first(where: { $0.deadNationID == show.deadNationID }) {
                throw .duplicateDeadNationID(existingShowID: existing.showID)
            }
            shows[show.showID] = show
        }
    }

    func create(_ batch: [Show]) async throws {
        try shows.withLock { shows throws(ShowCreationError) in
            let existing = Dictionary(shows.values.map { ($0.deadNationID, $0.showID) }) { first, _ in first }
            let clashes = existing.filter { deadNationID, _ in batch.contains { $0.deadNationID == deadNationID } }
            guard clashes.isEmpty else { throw .duplicateDeadNationIDs(clashes) }
            for show in batch { shows[show.showID] = show }
        }
    }

    func show(id: UUID) async throws -> Show? {
        shows.withLock { $0[id] }
    }

    func availability(of showID: UUID) async throws -> ShowAvailability? {
        shows.withLock { $0[showID] }.map { ShowAvailability(show: $0, booked: 0, held: 0) }
    }
}

/// `TicketsRepository` in memory: confirmed tickets, canceled ones, and the keys applied once.
final class InMemoryTickets: TicketsRepository {
    private struct State {
        var tickets: [UUID: Ticket] = [:]
        var canceled: Set<UUID> = []
        var applied: Set<ProcessingKey> = []
    }

    private let state = Mutex(State())

    var canceled: Set<UUID> { state.withLock { $0.canceled } }
    var applied: Set<ProcessingKey> { state.withLock { $0.applied } }

    func storeConfirmed(_ ticket: Ticket, once key: ProcessingKey) async throws {
        state.withLock { state in
            guard state.applied.insert(key).inserted else { return }
            if state.tickets[ticket.ticketID] == nil { state.tickets[ticket.ticketID] = ticket }
        }
    }

    func markCanceled(_ ticket: Ticket, once key: ProcessingKey) async throws {
        state.withLock { state in
            guard state.applied.insert(key).inserted else { return }
            if state.tickets[ticket.ticketID] == nil { state.tickets[ticket.ticketID] = ticket }
            state.canceled.insert(ticket.ticketID)
        }
    }

    func activeTickets() async throws -> [Ticket] {
        state.withLock { state in
            state.tickets.values.filter { !state.canceled.contains($0.ticketID) }.sorted { $0.ticketID.uuidString < $1.ticketID.uuidString }
        }
    }
}

/// `OpsReadModelRepository` in memory: the changes applied (once per key, with the idempotency
/// key of the `InternalOpsReadModelUpdated` they cause), folded into documents as the contract
/// says they read.
final class InMemoryOpsReadModel: OpsReadModelRepository {
    struct Application: Equatable, Sendable {
        var change: OpsReadModelChange
        var key: ProcessingKey
        var idempotencyKey: String
    }

    private let state = Mutex([Application]())

    var applications: [Application] { state.withLock { $0 } }

    func apply(_ change: OpsReadModelChange, once key: ProcessingKey, idempotencyKey: String) async throws {
        state.withLock { applications in
            guard !applications.contains(where: { $0.key == key }) else { return }
            applications.append(Application(change: change, key: key, idempotencyKey: idempotencyKey))
        }
    }

    func booking(id: UUID) async throws -> OpsBooking? {
        documents[id]
    }

    func bookings(receiptIssuedOn day: String?, after: UUID?, limit: Int) async throws -> [OpsBooking] {
        // Id order as Postgres sorts uuids: byte order, which lowercase hex text keeps.
        let ordered = documents.values.sorted { $0.bookingID.uuidString.lowercased() < $1.bookingID.uuidString.lowercased() }
        let afterKey = after?.uuidString.lowercased() ?? ""
        return ordered.filter { booking in
            booking.bookingID.uuidString.lowercased() > afterKey
                && (day.map { day in booking.tickets.values.contains { $0.receiptIssuedAt.map(Self.utcDay) == day } } ?? true)
        }.prefix(limit).map { $0 }
    }

    func replace(with changes: [OpsReadModelChange]) async throws {
        let rebuilt = changes.enumerated().map { index, change in
            Application(change: change, key: ProcessingKey(handler: "replace", messageUUID: "\(index)"), idempotencyKey: "replace")
        }
        state.withLock { $0 = rebuilt }
    }

    private var documents: [UUID: OpsBooking] {
        OpsReadModelFold(applications.map(\.change)).documents
    }

    /// `YYYY-MM-DD` of `date` in UTC.
    private static func utcDay(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let day = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", day.year!, day.month!, day.day!)
    }
}

/// `DataLake` in memory: one row per event id, in arrival order.
final class InMemoryDataLake: DataLake {
    struct Row: Equatable, Sendable {
        var eventID: UUID
        var name: String
        var publishedAt: Date
        var payload: Data
    }

    private let state = Mutex([Row]())

    var rows: [Row] { state.withLock { $0 } }

    func store(eventID: UUID, name: String, publishedAt: Date, payload: Data) async throws {
        state.withLock { rows in
            guard !rows.contains(where: { $0.eventID == eventID }) else { return }
            rows.append(Row(eventID: eventID, name: name, publishedAt: publishedAt, payload: payload))
        }
    }

    func allEvents() async throws -> [(name: String, payload: Data)] {
        state.withLock { rows in rows.sorted { $0.publishedAt < $1.publishedAt }.map { (name: $0.name, payload: $0.payload) } }
    }
}
