import Entities
import Hummingbird

/// The business routes of CONTRACT.md §2, over the ports they need. Each group of routes lives
/// in its own file; errors become responses in `ErrorMappingMiddleware` only.
public struct TicketsAPI: Sendable {
    let shows: any ShowsRepository
    let bookings: any BookingsRepository
    let holds: any HoldsRepository
    let ticketStatuses: any TicketStatusRecording
    let tickets: any TicketsRepository
    let refunds: any RefundRequesting
    let opsReadModel: any OpsReadModelRepository
    let opsAPIToken: String?

    public init(
        shows: any ShowsRepository,
        bookings: any BookingsRepository,
        holds: any HoldsRepository,
        ticketStatuses: any TicketStatusRecording,
        tickets: any TicketsRepository,
        refunds: any RefundRequesting,
        opsReadModel: any OpsReadModelRepository,
        opsAPIToken: String?
    ) {
        self.shows = shows
        self.bookings = bookings
        self.holds = holds
        self.ticketStatuses = ticketStatuses
        self.tickets = tickets
        self.refunds = refunds
        self.opsReadModel = opsReadModel
        self.opsAPIToken = opsAPIToken
    }

    public func register(on router: Router<some RequestContext>) {
        registerShowRoutes(on: router)
        registerBookingRoutes(on: router)
        registerHoldRoutes(on: router)
        registerTicketStatusRoutes(on: router)
        registerTicketRoutes(on: router)
        registerRefundRoutes(on: router)
        registerOpsRoutes(on: router.group("ops").add(middleware: BearerTokenMiddleware(token: opsAPIToken)))
    }
}
