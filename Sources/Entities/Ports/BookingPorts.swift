import Foundation

/// Stores shows.
public protocol ShowsRepository: Sendable {
    /// Stores a new show; throws `ShowCreationError.duplicateDeadNationID` when its Dead Nation
    /// id has a show already.
    func create(_ show: Show) async throws
    /// Stores all the shows in one transaction, or none; throws
    /// `ShowCreationError.duplicateDeadNationIDs` naming every one that has a show already.
    func create(_ shows: [Show]) async throws
    func show(id: UUID) async throws -> Show?
    /// The show with its booked and held seats; nil for an unknown show.
    func availability(of showID: UUID) async throws -> ShowAvailability?
}

/// Books seats without ever overbooking a show, however many requests run at once.
public protocol BookingsRepository: Sendable {
    /// Stores the booking when the show has the seats, and publishes `event` in the same
    /// transaction; throws `BookingError`.
    func book(_ booking: Booking, publishing event: BookingMade_v1) async throws
}

/// A ticket status reported by Dead Nation, with the event it causes.
public struct TicketStatusChange: Sendable {
    public var ticket: Ticket
    public var status: TicketStatus
    /// The request's idempotency key followed by the ticket id: a change already recorded
    /// under it is not recorded (nor published) again.
    public var idempotencyKey: String
    public var event: any BusMessage

    public init(ticket: Ticket, status: TicketStatus, idempotencyKey: String, event: any BusMessage) {
        self.ticket = ticket
        self.status = status
        self.idempotencyKey = idempotencyKey
        self.event = event
    }
}

/// Records ticket status changes and publishes their events in one transaction.
public protocol TicketStatusRecording: Sendable {
    func record(_ changes: [TicketStatusChange]) async throws
}

/// The tickets of confirmed bookings.
public protocol TicketsRepository: Sendable {
    /// Stores a confirmed ticket; a ticket canceled earlier stays canceled.
    func storeConfirmed(_ ticket: Ticket, once key: ProcessingKey) async throws
    /// Marks a ticket canceled (deleted), storing it first when its confirmation has not arrived.
    func markCanceled(_ ticket: Ticket, once key: ProcessingKey) async throws
    /// The tickets not canceled.
    func activeTickets() async throws -> [Ticket]
}

/// Records refund requests; a ticket is refunded at most once.
public protocol RefundRequesting: Sendable {
    /// Records the request and publishes `command` the first time only; throws
    /// `RefundError.ticketNotFound` for a ticket never confirmed.
    func requestRefund(ticketID: UUID, publishing command: RefundTicket) async throws
}
