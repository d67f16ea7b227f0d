import Hummingbird

/// Builds the simulated external gateway (CONTRACT.md §4): the receipts, payments, files,
/// spreadsheets and Dead Nation APIs at their real paths, with in-memory state that honours
/// idempotency, plus inspection, fault injection and reset endpoints under `/_sim`
/// (see Sources/GatewaySimulator/README.md):
///
/// - `GET /_sim/requests[?api=<api>]`: the journal of calls (method, path, headers, body,
///   answered status, fault applied);
/// - `GET /_sim/stats`: calls per API;
/// - `GET /_sim/receipts`, `/_sim/voids`, `/_sim/refunds`, `/_sim/files`, `/_sim/files/{id}`
///   (the content), `/_sim/sheets`, `/_sim/sheets/{sheet}/rows`, `/_sim/sheets/{sheet}/keys`, `/_sim/dead-nation/bookings`,
///   `/_sim/callbacks`: what each API recorded;
/// - `PUT /_sim/faults/{api}` with `{"status"?, "fraction"?, "latency_ms"?, "hang_ms"?,
///   "times"?}`, `DELETE /_sim/faults/{api}`, `GET /_sim/faults`: faults at run time;
/// - `POST /_sim/reset`: forgets every call, record, fault and pending callback.
///
/// APIs are named `receipts`, `payments`, `files`, `spreadsheets` and `dead-nation`.
///
/// - Parameter callbackPoster: sends Dead Nation's `tickets-status` callbacks; nil switches the
///   callbacks off.
public func buildGatewaySimulator(
    configuration: GatewaySimulatorConfiguration,
    callbackPoster: (any TicketsStatusCallbackPosting)?
) -> some ApplicationProtocol {
    let state = SimulatorState(journalCapacity: configuration.journalCapacity)
    let callbacks = callbackPoster.map {
        CallbackDispatcher(
            poster: $0, delay: configuration.callbackDelay, retry: configuration.callbackRetry,
            state: state, logger: configuration.logger
        )
    }
    let router = Router()
    func apiGroup(_ api: SimulatedAPI) -> RouterGroup<BasicRequestContext> {
        router.group(RouterPath(api.pathPrefix)).add(middleware: SimulatedAPIMiddleware(api: api, state: state))
    }
    ReceiptsAPI(state: state).addRoutes(to: apiGroup(.receipts))
    PaymentsAPI(state: state).addRoutes(to: apiGroup(.payments))
    FilesAPI(state: state).addRoutes(to: apiGroup(.files))
    SpreadsheetsAPI(state: state).addRoutes(to: apiGroup(.spreadsheets))
    DeadNationAPI(
        state: state, callbacks: callbacks,
        targets: CallbackTargets(baseURLs: configuration.ticketsServiceURLs), ticketPrice: configuration.ticketPrice
    ).addRoutes(to: apiGroup(.deadNation))
    InspectionAPI(state: state, callbacks: callbacks).addRoutes(to: router.group("_sim"))
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "gateway-simulator"),
        logger: configuration.logger
    )
}
