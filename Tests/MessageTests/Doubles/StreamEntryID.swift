import Foundation

/// A Redis stream entry id, `<milliseconds>-<sequence>`, ordered as Redis orders them.
struct StreamEntryID: Hashable, Comparable, CustomStringConvertible {
    var milliseconds: UInt64
    var sequence: UInt64

    static let zero = StreamEntryID(milliseconds: 0, sequence: 0)

    init(milliseconds: UInt64, sequence: UInt64) {
        self.milliseconds = milliseconds
        self.sequence = sequence
    }

    /// Reads `1700000000000-3`, or a bare `1700000000000` (sequence 0) as Redis accepts it.
    init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let milliseconds = UInt64(parts[0]) else { return nil }
        let sequence = parts.count == 2 ? UInt64(parts[1]) : 0
        guard let sequence else { return nil }
        self.init(milliseconds: milliseconds, sequence: sequence)
    }

    /// The id `XADD *` gives the entry after `last`: the current time, or `last`'s time with the
    /// next sequence when the clock has not moved past it.
    static func next(after last: StreamEntryID, now: Date = Date()) -> StreamEntryID {
        let milliseconds = UInt64(now.timeIntervalSince1970 * 1000)
        if milliseconds > last.milliseconds { return StreamEntryID(milliseconds: milliseconds, sequence: 0) }
        return StreamEntryID(milliseconds: last.milliseconds, sequence: last.sequence + 1)
    }

    static func < (lhs: StreamEntryID, rhs: StreamEntryID) -> Bool {
        (lhs.milliseconds, lhs.sequence) < (rhs.milliseconds, rhs.sequence)
    }

    var description: String { "\(milliseconds)-\(sequence)" }
}
