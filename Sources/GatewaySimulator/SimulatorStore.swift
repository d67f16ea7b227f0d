import Foundation

/// Everything the simulator remembers, guarded as one value by `SimulatorState`.
struct SimulatorStore: Sendable {
    var receipts = KeyedRecords<SimulatedReceipt>()
    var voids = KeyedRecords<ReceiptVoid>()
    var refunds = KeyedRecords<PaymentRefund>()
    var files = KeyedRecords<StoredFile>()
    /// Rows per sheet name, in arrival order.
    var sheets: [String: [[String]]] = [:]
    var sheetAppends = KeyedRecords<SheetAppend>()
    var bookings = KeyedRecords<DeadNationBookingRecord>()
    var callbacks = KeyedRecords<CallbackDelivery>()
    var faults: [SimulatedAPI: FaultRule] = [:]
    private(set) var requestCounts: [SimulatedAPI: Int] = [:]
    private(set) var journal: [JournalEntry] = []
    /// Survives resets, so a receipt number is never given out twice by one simulator.
    private var issuedReceiptCount = 0
    private var journalSequence = 0

    /// The receipt of `idempotencyKey`: issued with the next number on the first call, the
    /// same one on repeats.
    mutating func issueReceipt(ticketID: String, price: ReceiptPrice, idempotencyKey: String) -> (receipt: SimulatedReceipt, isFirst: Bool) {
        if let repeated = receipts.countRepeat(key: idempotencyKey) { return (repeated, false) }
        issuedReceiptCount += 1
        let receipt = SimulatedReceipt(
            number: String(format: "R-%06d", issuedReceiptCount), issuedAt: Date(), ticketID: ticketID,
            price: price, idempotencyKey: idempotencyKey
        )
        receipts.insert(receipt, key: idempotencyKey)
        return (receipt, true)
    }

    /// Counts a call to `api` and draws whether its fault (if any) hits it.
    mutating func beginCall(to api: SimulatedAPI) -> FaultHit? {
        requestCounts[api, default: 0] += 1
        guard var rule = faults[api], Double.random(in: 0..<1) < rule.fraction else { return nil }
        if let times = rule.times {
            rule.times = times - 1
            faults[api] = times > 1 ? rule : nil
        }
        return FaultHit(rule)
    }

    mutating func appendToJournal(_ make: (_ sequence: Int) -> JournalEntry, capacity: Int) {
        journalSequence += 1
        journal.append(make(journalSequence))
        if journal.count > capacity { journal.removeFirst(journal.count - capacity) }
    }

    /// Forgets all calls, records and faults.
    mutating func reset() {
        let receiptCount = issuedReceiptCount
        let sequence = journalSequence
        self = SimulatorStore()
        issuedReceiptCount = receiptCount
        journalSequence = sequence
    }
}
