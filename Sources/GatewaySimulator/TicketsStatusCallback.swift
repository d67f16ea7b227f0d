import Foundation

/// The body of Dead Nation's callback, `POST <tickets-url>/tickets-status` (CONTRACT.md §2).
public struct TicketsStatusPayload: Codable, Sendable, Equatable {
    public struct Price: Codable, Sendable, Equatable {
        /// Decimal string, e.g. `"50.00"`.
        public var amount: String
        /// Three-letter code, e.g. `"EUR"`.
        public var currency: String

        public init(amount: String, currency: String) {
            self.amount = amount
            self.currency = currency
        }
    }

    public struct Ticket: Codable, Sendable, Equatable {
        public var ticketID: String
        public var status: String
        public var customerEmail: String
        public var price: Price
        public var bookingID: String

        enum CodingKeys: String, CodingKey {
            case status, price
            case ticketID = "ticket_id"
            case customerEmail = "customer_email"
            case bookingID = "booking_id"
        }

        public init(ticketID: String, status: String, customerEmail: String, price: Price, bookingID: String) {
            self.ticketID = ticketID
            self.status = status
            self.customerEmail = customerEmail
            self.price = price
            self.bookingID = bookingID
        }
    }

    public var tickets: [Ticket]

    public init(tickets: [Ticket]) {
        self.tickets = tickets
    }
}

/// One callback attempt to deliver: where, its headers, and the JSON body (a `TicketsStatusPayload`).
public struct TicketsStatusCallback: Sendable, Hashable {
    /// Where this attempt goes.
    public var url: String
    /// Stable per booking, so a delivery retried after a lost answer is harmless.
    public var idempotencyKey: String
    /// The `Correlation-ID` of the booking call, when it had one.
    public var correlationID: String?
    public var body: Data

    public init(url: String, idempotencyKey: String, correlationID: String?, body: Data) {
        self.url = url
        self.idempotencyKey = idempotencyKey
        self.correlationID = correlationID
        self.body = body
    }
}

/// Sends one callback over HTTP: `POST` to `url` with `Content-Type: application/json`,
/// `Idempotency-Key` and (when present) `Correlation-ID`. The simulator decides about delays
/// and retries; an implementation makes exactly one attempt.
public protocol TicketsStatusCallbackPosting: Sendable {
    /// Returns the status the service answered; throws when no answer arrived (refused
    /// connection, timeout...).
    func post(_ callback: TicketsStatusCallback) async throws -> Int
}
