import Foundation

/// A receipt issued by the simulated receipts API.
struct SimulatedReceipt: RepeatCounting, Encodable, Sendable {
    var number: String
    var issuedAt: Date
    var ticketID: String
    var price: ReceiptPrice
    var idempotencyKey: String
    var repeats = 0

    enum CodingKeys: String, CodingKey {
        case number, price, repeats
        case issuedAt = "issued_at"
        case ticketID = "ticket_id"
        case idempotencyKey = "idempotency_key"
    }
}

/// The price of a receipt, with the receipts API's field names.
struct ReceiptPrice: Codable, Sendable {
    var moneyAmount: String
    var moneyCurrency: String

    enum CodingKeys: String, CodingKey {
        case moneyAmount = "money_amount"
        case moneyCurrency = "money_currency"
    }
}

/// A voided receipt, once per `idempotent_id`.
struct ReceiptVoid: RepeatCounting, Encodable, Sendable {
    var ticketID: String
    var reason: String
    var idempotentID: String
    var repeats = 0

    enum CodingKeys: String, CodingKey {
        case reason, repeats
        case ticketID = "ticket_id"
        case idempotentID = "idempotent_id"
    }
}

/// A refunded payment, once per `deduplication_id`.
struct PaymentRefund: RepeatCounting, Encodable, Sendable {
    var paymentReference: String
    var reason: String
    var deduplicationID: String
    var repeats = 0

    enum CodingKeys: String, CodingKey {
        case reason, repeats
        case paymentReference = "payment_reference"
        case deduplicationID = "deduplication_id"
    }
}

/// A stored file; the content is served on its own, not in listings.
struct StoredFile: RepeatCounting, Encodable, Sendable {
    var fileID: String
    var contentType: String?
    var content: Data
    var storedAt: Date
    var repeats = 0

    enum CodingKeys: String, CodingKey {
        case repeats, size
        case fileID = "file_id"
        case contentType = "content_type"
        case storedAt = "stored_at"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(fileID, forKey: .fileID)
        try container.encode(contentType, forKey: .contentType)
        try container.encode(content.count, forKey: .size)
        try container.encode(storedAt, forKey: .storedAt)
        try container.encode(repeats, forKey: .repeats)
    }
}

/// A row appended to a sheet with an `Idempotency-Key`, once per sheet and key.
struct SheetAppend: RepeatCounting, Encodable, Sendable {
    var sheet: String
    var idempotencyKey: String
    var repeats = 0

    enum CodingKeys: String, CodingKey {
        case repeats
        case idempotencyKey = "idempotency_key"
    }

    static func storeKey(sheet: String, idempotencyKey: String) -> String {
        sheet + "\n" + idempotencyKey
    }
}

/// A booking received by the simulated Dead Nation box office.
struct DeadNationBookingRecord: RepeatCounting, Encodable, Sendable {
    var bookingID: String
    var customerAddress: String
    var eventID: String
    var numberOfTickets: Int
    var correlationID: String?
    var repeats = 0

    enum CodingKeys: String, CodingKey {
        case repeats
        case bookingID = "booking_id"
        case customerAddress = "customer_address"
        case eventID = "event_id"
        case numberOfTickets = "number_of_tickets"
        case correlationID = "correlation_id"
    }
}

/// One call to a simulated API as it arrived, and what it was answered.
struct JournalEntry: Encodable, Sendable {
    var sequence: Int
    var api: SimulatedAPI
    var method: String
    var path: String
    /// Lowercased field names; repeated fields joined with ", ".
    var headers: [String: String]
    var body: String
    var status: Int
    /// What an injected fault did to the call, if anything.
    var fault: String?
    var receivedAt: Date

    enum CodingKeys: String, CodingKey {
        case sequence, api, method, path, headers, body, status, fault
        case receivedAt = "received_at"
    }
}

/// The delivery of one Dead Nation callback to the tickets service.
struct CallbackDelivery: Encodable, Sendable {
    enum State: String, Encodable, Sendable {
        case scheduled, delivered, failed
    }

    var bookingID: String
    var idempotencyKey: String
    var ticketIDs: [String]
    var state: State
    var attempts = 0
    var lastStatus: Int?
    var lastError: String?

    enum CodingKeys: String, CodingKey {
        case state, attempts
        case bookingID = "booking_id"
        case idempotencyKey = "idempotency_key"
        case ticketIDs = "ticket_ids"
        case lastStatus = "last_status"
        case lastError = "last_error"
    }
}
