import Entities
import Foundation
import Synchronization

/// The external gateway in memory: every port a handler calls it through, each call recorded in
/// order. `failNext` makes the next calls fail as an unreachable gateway would.
final class RecordingGateway: ReceiptIssuing, ReceiptVoiding, PaymentRefunding, TicketFileStoring, SpreadsheetAppending, DeadNationBooking {
    enum Call: Equatable, Sendable {
        case issueReceipt(ticketID: UUID, price: Money, idempotencyKey: String)
        case voidReceipt(ticketID: UUID, reason: String, idempotencyKey: String)
        case refundPayment(paymentReference: String, reason: String, deduplicationID: String)
        case storeFile(fileID: String, content: String)
        case appendRow(sheet: String, columns: [String], idempotencyKey: String)
        case bookTickets(bookingID: UUID, customerAddress: String, eventID: UUID, numberOfTickets: Int)
    }

    struct Unreachable: Error, CustomStringConvertible {
        var description: String { "gateway unreachable (test)" }
    }

    /// What the receipts API answers.
    let receipt: IssuedReceipt
    private let state = Mutex((calls: [Call](), failures: 0))

    init(receipt: IssuedReceipt = IssuedReceipt(number: "RCPT-0001", issuedAt: Date(timeIntervalSince1970: 1_714_557_600))) {
        self.receipt = receipt
    }

    var calls: [Call] { state.withLock { $0.calls } }

    func failNext(_ times: Int = 1) {
        state.withLock { $0.failures += times }
    }

    func issueReceipt(ticketID: UUID, price: Money, idempotencyKey: String) async throws -> IssuedReceipt {
        try record(.issueReceipt(ticketID: ticketID, price: price, idempotencyKey: idempotencyKey))
        return receipt
    }

    func voidReceipt(ticketID: UUID, reason: String, idempotencyKey: String) async throws {
        try record(.voidReceipt(ticketID: ticketID, reason: reason, idempotencyKey: idempotencyKey))
    }

    func refundPayment(paymentReference: String, reason: String, deduplicationID: String) async throws {
        try record(.refundPayment(paymentReference: paymentReference, reason: reason, deduplicationID: deduplicationID))
    }

    func storeFile(fileID: String, content: String) async throws {
        try record(.storeFile(fileID: fileID, content: content))
    }

    func appendRow(sheet: String, columns: [String], idempotencyKey: String) async throws {
        try record(.appendRow(sheet: sheet, columns: columns, idempotencyKey: idempotencyKey))
    }

    func bookTickets(bookingID: UUID, customerAddress: String, eventID: UUID, numberOfTickets: Int) async throws {
        try record(.bookTickets(bookingID: bookingID, customerAddress: customerAddress, eventID: eventID, numberOfTickets: numberOfTickets))
    }

    /// Records the call, or fails it (unrecorded) when a failure is due.
    private func record(_ call: Call) throws {
        let fail = state.withLock { state in
            if state.failures > 0 {
                state.failures -= 1
                return true
            }
            state.calls.append(call)
            return false
        }
        if fail { throw Unreachable() }
    }
}
