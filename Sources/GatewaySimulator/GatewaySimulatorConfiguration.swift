import Logging

/// How the gateway simulator runs (see `buildGatewaySimulator(configuration:callbackPoster:)`).
public struct GatewaySimulatorConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// Base URLs of the tickets service's instances; Dead Nation's callbacks go to
    /// `<url>/tickets-status`, spread over the instances in turn, and a failed attempt is retried
    /// on the next one.
    public var ticketsServiceURLs: [String]
    /// How long after accepting a booking Dead Nation calls back.
    public var callbackDelay: Duration
    public var callbackRetry: CallbackRetryPolicy
    /// The price of every ticket Dead Nation confirms.
    public var ticketPrice: TicketsStatusPayload.Price
    /// Calls kept in the journal (`GET /_sim/requests`); older ones are dropped.
    public var journalCapacity: Int
    public var logger: Logger

    public init(
        host: String = "127.0.0.1",
        port: Int = 8888,
        ticketsServiceURLs: [String] = ["http://127.0.0.1:8080"],
        callbackDelay: Duration = .milliseconds(500),
        callbackRetry: CallbackRetryPolicy = CallbackRetryPolicy(),
        ticketPrice: TicketsStatusPayload.Price = .init(amount: "50.00", currency: "EUR"),
        journalCapacity: Int = 10_000,
        logger: Logger = Logger(label: "gateway-simulator")
    ) {
        self.host = host
        self.port = port
        self.ticketsServiceURLs = ticketsServiceURLs
        self.callbackDelay = callbackDelay
        self.callbackRetry = callbackRetry
        self.ticketPrice = ticketPrice
        self.journalCapacity = journalCapacity
        self.logger = logger
    }
}

/// How often and how patiently a failed callback (no answer, 408, 429 or 5xx) is retried.
public struct CallbackRetryPolicy: Sendable {
    /// Deliveries tried in all, the first included.
    public var maxAttempts: Int
    /// The wait after the first failure; it doubles after each further one.
    public var initialBackoff: Duration
    public var maxBackoff: Duration

    public init(maxAttempts: Int = 5, initialBackoff: Duration = .milliseconds(200), maxBackoff: Duration = .seconds(5)) {
        self.maxAttempts = maxAttempts
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
    }

    /// The wait after failed attempt number `attempt` (1-based).
    func backoff(afterAttempt attempt: Int) -> Duration {
        var wait = initialBackoff
        for _ in 1..<attempt where wait < maxBackoff { wait *= 2 }
        return min(wait, maxBackoff)
    }
}
