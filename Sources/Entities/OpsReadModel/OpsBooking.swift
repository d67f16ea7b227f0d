import Foundation

/// The ops read model of one booking (CONTRACT.md §5), as stored in
/// `read_model_ops_bookings.payload` and returned by `/ops/bookings`. Times not reached yet are
/// `null` on the wire.
public struct OpsBooking: Sendable, Equatable, Codable {
    public var bookingID: UUID
    public var bookedAt: Date?
    public var lastUpdate: Date
    public var tickets: [UUID: OpsTicket]

    public init(bookingID: UUID, bookedAt: Date?, lastUpdate: Date, tickets: [UUID: OpsTicket]) {
        self.bookingID = bookingID
        self.bookedAt = bookedAt
        self.lastUpdate = lastUpdate
        self.tickets = tickets
    }

    enum CodingKeys: String, CodingKey {
        case bookingID = "booking_id"
        case bookedAt = "booked_at"
        case lastUpdate = "last_update"
        case tickets
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        bookingID = try container.decode(LowercaseUUID.self, forKey: .bookingID).wrappedValue
        bookedAt = try container.decodeIfPresent(Date.self, forKey: .bookedAt)
        lastUpdate = try container.decode(Date.self, forKey: .lastUpdate)
        let keyed = try container.decode([String: OpsTicket].self, forKey: .tickets)
        tickets = try Dictionary(uniqueKeysWithValues: keyed.map { key, ticket in
            guard let id = UUID(uuidString: key) else {
                throw DecodingError.dataCorruptedError(forKey: .tickets, in: container, debugDescription: "ticket key \(key) is not a UUID")
            }
            return (id, ticket)
        })
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(LowercaseUUID(wrappedValue: bookingID), forKey: .bookingID)
        try container.encode(bookedAt, forKey: .bookedAt)
        try container.encode(lastUpdate, forKey: .lastUpdate)
        let keyed = Dictionary(uniqueKeysWithValues: tickets.map { ($0.key.uuidString.lowercased(), $0.value) })
        try container.encode(keyed, forKey: .tickets)
    }
}

/// One ticket of an `OpsBooking`.
public struct OpsTicket: Sendable, Equatable, Codable {
    public var priceAmount: String?
    public var priceCurrency: String?
    public var customerEmail: String?
    public var confirmedAt: Date?
    public var refundedAt: Date?
    public var printedAt: Date?
    public var printedFileName: String?
    public var receiptIssuedAt: Date?
    public var receiptNumber: String?

    public init(
        priceAmount: String? = nil, priceCurrency: String? = nil, customerEmail: String? = nil,
        confirmedAt: Date? = nil, refundedAt: Date? = nil, printedAt: Date? = nil, printedFileName: String? = nil,
        receiptIssuedAt: Date? = nil, receiptNumber: String? = nil
    ) {
        self.priceAmount = priceAmount
        self.priceCurrency = priceCurrency
        self.customerEmail = customerEmail
        self.confirmedAt = confirmedAt
        self.refundedAt = refundedAt
        self.printedAt = printedAt
        self.printedFileName = printedFileName
        self.receiptIssuedAt = receiptIssuedAt
        self.receiptNumber = receiptNumber
    }

    enum CodingKeys: String, CodingKey {
        case priceAmount = "price_amount"
        case priceCurrency = "price_currency"
        case customerEmail = "customer_email"
        case confirmedAt = "confirmed_at"
        case refundedAt = "refunded_at"
        case printedAt = "printed_at"
        case printedFileName = "printed_file_name"
        case receiptIssuedAt = "receipt_issued_at"
        case receiptNumber = "receipt_number"
    }

    /// Every key is written, `null` when not reached yet, as the contract shows the document.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(priceAmount, forKey: .priceAmount)
        try container.encode(priceCurrency, forKey: .priceCurrency)
        try container.encode(customerEmail, forKey: .customerEmail)
        try container.encode(confirmedAt, forKey: .confirmedAt)
        try container.encode(refundedAt, forKey: .refundedAt)
        try container.encode(printedAt, forKey: .printedAt)
        try container.encode(printedFileName, forKey: .printedFileName)
        try container.encode(receiptIssuedAt, forKey: .receiptIssuedAt)
        try container.encode(receiptNumber, forKey: .receiptNumber)
    }
}
