/// A record that remembers how many times its call was repeated.
protocol RepeatCounting {
    var repeats: Int { get set }
}

/// Records kept once per key (an idempotency key, a file id, a booking id), in arrival order.
struct KeyedRecords<Record: Sendable>: Sendable {
    private(set) var records: [Record] = []
    private var indexByKey: [String: Int] = [:]

    subscript(key: String) -> Record? {
        indexByKey[key].map { records[$0] }
    }

    mutating func insert(_ record: Record, key: String) {
        indexByKey[key] = records.count
        records.append(record)
    }

    mutating func update(key: String, _ change: (inout Record) -> Void) {
        guard let index = indexByKey[key] else { return }
        change(&records[index])
    }
}

extension KeyedRecords where Record: RepeatCounting {
    /// Counts a repeat on the record stored under `key` and returns it; nil when there is none.
    mutating func countRepeat(key: String) -> Record? {
        guard let index = indexByKey[key] else { return nil }
        records[index].repeats += 1
        return records[index]
    }

    /// The record stored under `key`: made by `make` on the first call, counted as a repeat on
    /// later ones (which change nothing else).
    mutating func recordOnce(key: String, make: () -> Record) -> (record: Record, isFirst: Bool) {
        if let repeated = countRepeat(key: key) { return (repeated, false) }
        let record = make()
        insert(record, key: key)
        return (record, true)
    }
}
