import Foundation

/// One entry of a stream as read back: its id and its fields, in the order they were written.
public struct RedisStreamEntry: Sendable, Equatable {
    public let id: String
    /// The entry's fields; nil when the entry is still pending in a group but was deleted from
    /// the stream (Redis then returns only its id). Such an entry carries no message: the reader
    /// should acknowledge it to clear it from its pending list.
    public let fields: [(name: String, value: Data)]?

    public init(id: String, fields: [(name: String, value: Data)]?) {
        self.id = id
        self.fields = fields
    }

    /// True for a pending entry whose message was deleted from the stream.
    public var isDeleted: Bool { fields == nil }

    /// The value of the first field named `name`.
    public func value(of name: String) -> Data? {
        fields?.first { $0.name == name }?.value
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        guard lhs.id == rhs.id else { return false }
        switch (lhs.fields, rhs.fields) {
        case (nil, nil): return true
        case (let left?, let right?): return left.elementsEqual(right) { $0.name == $1.name && $0.value == $1.value }
        default: return false
        }
    }
}

/// The entries read from one stream by one `XREADGROUP` (or `XREAD`).
public struct RedisStreamBatch: Sendable, Equatable {
    public let stream: String
    public let entries: [RedisStreamEntry]

    public init(stream: String, entries: [RedisStreamEntry]) {
        self.stream = stream
        self.entries = entries
    }
}
