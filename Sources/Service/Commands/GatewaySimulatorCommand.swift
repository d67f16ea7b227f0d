import Adapters
import ArgumentParser
import Foundation
import GatewaySimulator
import Hummingbird

/// `tickets gateway-sim`: runs the simulated external gateway (Sources/GatewaySimulator/README.md).
/// Each option falls back to its environment variable, then to the default.
struct GatewaySimulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gateway-sim",
        abstract: "Run the simulated external gateway (receipts, payments, files, spreadsheets, Dead Nation)."
    )

    @Option(help: "host:port to listen on (env GATEWAY_SIM_ADDR, default 127.0.0.1:8888).")
    var address: String?

    @Option(
        name: .customLong("tickets-url"),
        help: "Base URL of a tickets service instance Dead Nation calls back; repeat it for several instances (env GATEWAY_SIM_TICKETS_URL, a comma-separated list, default http://127.0.0.1:8080)."
    )
    var ticketsURLs: [String] = []

    @Option(help: "Seconds between a booking and Dead Nation's callback (env GATEWAY_SIM_CALLBACK_DELAY, default 0.5).")
    var callbackDelay: Double?

    @Option(help: "Deliveries of a callback tried in all before it is given up (env GATEWAY_SIM_CALLBACK_ATTEMPTS, default 5).")
    var callbackAttempts: Int?

    @Option(help: "Price of each confirmed ticket (env GATEWAY_SIM_TICKET_PRICE, default 50.00).")
    var ticketPrice: String?

    @Option(help: "Currency of the ticket price (env GATEWAY_SIM_TICKET_CURRENCY, default EUR).")
    var ticketCurrency: String?

    @Flag(help: "Do not call the tickets service back after bookings (env GATEWAY_SIM_CALLBACKS=off).")
    var noCallbacks = false

    func run() async throws {
        let settings = try Settings(self, environment: ProcessInfo.processInfo.environment)
        let httpClient = try CurlHTTPClient(configuration: .init(
            maxConcurrentRequests: 4,
            timeouts: HTTPClientTimeouts(connect: .seconds(2), total: .seconds(10))
        ))
        let app = buildGatewaySimulator(
            configuration: GatewaySimulatorConfiguration(
                host: settings.host,
                port: settings.port,
                ticketsServiceURLs: settings.ticketsURLs,
                callbackDelay: settings.callbackDelay,
                callbackRetry: CallbackRetryPolicy(maxAttempts: settings.callbackAttempts),
                ticketPrice: settings.ticketPrice
            ),
            callbackPoster: settings.callbacks ? CurlTicketsStatusCallbackPoster(httpClient: httpClient) : nil
        )
        try await app.runService()
        try await httpClient.shutdown()
    }

    /// The options resolved against the environment and checked, each error naming its setting.
    struct Settings {
        var host: String
        var port: Int
        var ticketsURLs: [String]
        var callbackDelay: Duration
        var callbackAttempts: Int
        var ticketPrice: TicketsStatusPayload.Price
        var callbacks: Bool

        init(_ command: GatewaySimulatorCommand, environment: [String: String]) throws {
            func setting(_ option: String?, _ variable: String, default fallback: String) -> String {
                option ?? environment[variable].flatMap { $0.isEmpty ? nil : $0 } ?? fallback
            }
            let address = setting(command.address, "GATEWAY_SIM_ADDR", default: "127.0.0.1:8888")
            guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]),
                  (0...65535).contains(port), colon > address.startIndex
            else {
                throw ValidationError("address / GATEWAY_SIM_ADDR: \(address.debugDescription) is not host:port")
            }
            host = String(address[..<colon])
            self.port = port

            ticketsURLs = command.ticketsURLs.isEmpty
                ? setting(nil, "GATEWAY_SIM_TICKETS_URL", default: "http://127.0.0.1:8080").split(separator: ",").map(String.init)
                : command.ticketsURLs
            for ticketsURL in ticketsURLs {
                guard let url = URL(string: ticketsURL), ["http", "https"].contains(url.scheme), url.host != nil else {
                    throw ValidationError("tickets-url / GATEWAY_SIM_TICKETS_URL: \(ticketsURL.debugDescription) is not an http(s) URL")
                }
            }
            guard !ticketsURLs.isEmpty else {
                throw ValidationError("tickets-url / GATEWAY_SIM_TICKETS_URL: no URL given")
            }

            let attemptsText = command.callbackAttempts.map { String($0) } ?? setting(nil, "GATEWAY_SIM_CALLBACK_ATTEMPTS", default: "5")
            guard let attempts = Int(attemptsText), attempts >= 1 else {
                throw ValidationError("callback-attempts / GATEWAY_SIM_CALLBACK_ATTEMPTS: \(attemptsText.debugDescription) is not a positive number")
            }
            callbackAttempts = attempts

            let delayText = command.callbackDelay.map { String($0) } ?? setting(nil, "GATEWAY_SIM_CALLBACK_DELAY", default: "0.5")
            guard let delay = Double(delayText), delay >= 0, delay.isFinite else {
                throw ValidationError("callback-delay / GATEWAY_SIM_CALLBACK_DELAY: \(delayText.debugDescription) is not a number of seconds")
            }
            callbackDelay = .milliseconds(Int64(delay * 1000))

            let amount = setting(command.ticketPrice, "GATEWAY_SIM_TICKET_PRICE", default: "50.00")
            guard amount.wholeMatch(of: /[0-9]+(\.[0-9]{1,2})?/) != nil else {
                throw ValidationError("ticket-price / GATEWAY_SIM_TICKET_PRICE: \(amount.debugDescription) is not a decimal amount")
            }
            let currency = setting(command.ticketCurrency, "GATEWAY_SIM_TICKET_CURRENCY", default: "EUR")
            guard currency.wholeMatch(of: /[A-Z]{3}/) != nil else {
                throw ValidationError("ticket-currency / GATEWAY_SIM_TICKET_CURRENCY: \(currency.debugDescription) is not a three-letter code")
            }
            ticketPrice = .init(amount: amount, currency: currency)

            let callbacksSetting = environment["GATEWAY_SIM_CALLBACKS"]?.lowercased() ?? "on"
            guard ["on", "off", "true", "false", "1", "0"].contains(callbacksSetting) else {
                throw ValidationError("GATEWAY_SIM_CALLBACKS: \(callbacksSetting.debugDescription) is not on or off")
            }
            callbacks = !command.noCallbacks && ["on", "true", "1"].contains(callbacksSetting)
        }
    }
}

/// Delivers the simulator's Dead Nation callbacks with the service's libcurl client.
struct CurlTicketsStatusCallbackPoster: TicketsStatusCallbackPosting {
    let httpClient: CurlHTTPClient

    func post(_ callback: TicketsStatusCallback) async throws -> Int {
        var headers: HTTPClientHeaders = ["Content-Type": "application/json", "Idempotency-Key": callback.idempotencyKey]
        if let correlationID = callback.correlationID {
            headers.add(name: "Correlation-ID", value: correlationID)
        }
        return try await httpClient.execute(HTTPClientRequest(method: .post, url: callback.url, headers: headers, body: callback.body)).status
    }
}
