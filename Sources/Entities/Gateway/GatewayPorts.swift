import Foundation

/// A receipt as the receipts API returns it.
public struct IssuedReceipt: Sendable, Equatable {
    public var number: String
    public var issuedAt: Date

    public init(number: String, issuedAt: Date) {
        self.number = number
        self.issuedAt = issuedAt
    }
}

/// Issues receipts for tickets; repeating a call with the same idempotency key returns the
/// receipt issued the first time.
public protocol ReceiptIssuing: Sendable {
    func issueReceipt(ticketID: UUID, price: Money, idempotencyKey: String) async throws -> IssuedReceipt
}

/// Voids receipts of refunded tickets.
public protocol ReceiptVoiding: Sendable {
    func voidReceipt(ticketID: UUID, reason: String, idempotencyKey: String) async throws
}

/// Refunds payments; the deduplication id makes repeats harmless.
public protocol PaymentRefunding: Sendable {
    func refundPayment(paymentReference: String, reason: String, deduplicationID: String) async throws
}

/// Stores printable ticket files. Storing a file id that already exists counts as success.
public protocol TicketFileStoring: Sendable {
    func storeFile(fileID: String, content: String) async throws
}

/// Appends rows to named spreadsheets (`tickets-to-print`, `tickets-to-refund`). The idempotency
/// key makes a repeated append (a retry after a timeout or a crash) add no second row.
public protocol SpreadsheetAppending: Sendable {
    func appendRow(sheet: String, columns: [String], idempotencyKey: String) async throws
}

/// Books seats at the external box office "Dead Nation".
public protocol DeadNationBooking: Sendable {
    func bookTickets(bookingID: UUID, customerAddress: String, eventID: UUID, numberOfTickets: Int) async throws
}
