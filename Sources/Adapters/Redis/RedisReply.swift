import Foundation

/// A reply from Redis, decoded once from the tree hiredis builds (which is then freed).
///
/// Bulk strings keep their exact bytes. The RESP3 kinds are those hiredis 1.x decodes; the
/// driver speaks RESP2, so today's servers answer with the first six kinds only.
public enum RedisReply: Sendable, Hashable {
    case status(String)
    case error(RedisServerError)
    case integer(Int)
    case bulkString(Data)
    case array([RedisReply])
    case null
    case double(Double)
    case boolean(Bool)
    case map([MapEntry])
    case set([RedisReply])
    /// A RESP3 big number, in decimal.
    case bigNumber(String)
    /// A RESP3 verbatim string and its format ("txt", "mkd").
    case verbatim(format: String, text: Data)

    /// One key and value of a RESP3 map, in the order the server sent them.
    public struct MapEntry: Sendable, Hashable {
        public let key: RedisReply
        public let value: RedisReply

        public init(key: RedisReply, value: RedisReply) {
            self.key = key
            self.value = value
        }
    }

    /// The text of a status, bulk string, verbatim string or big number; nil for other kinds and
    /// for bulk strings that are not UTF-8.
    public var string: String? {
        switch self {
        case .status(let text), .bigNumber(let text): text
        case .bulkString(let bytes), .verbatim(_, let bytes): String(data: bytes, encoding: .utf8)
        default: nil
        }
    }

    /// The bytes of a bulk string, verbatim string or status.
    public var data: Data? {
        switch self {
        case .bulkString(let bytes), .verbatim(_, let bytes): bytes
        case .status(let text): Data(text.utf8)
        default: nil
        }
    }

    /// The value of an integer reply.
    public var int: Int? {
        if case .integer(let value) = self { value } else { nil }
    }

    /// The elements of an array or set; nil for a null reply (such as a timed-out blocking read).
    public var array: [RedisReply]? {
        switch self {
        case .array(let elements), .set(let elements): elements
        default: nil
        }
    }

    public var isNull: Bool { self == .null }

    /// The kind of reply, for error messages: never the contents, which may be large or private.
    public var kindDescription: String {
        switch self {
        case .status: "status"
        case .error(let error): "error \(error.code)"
        case .integer: "integer"
        case .bulkString(let bytes): "bulk string of \(bytes.count) bytes"
        case .array(let elements): "array of \(elements.count) elements"
        case .null: "null"
        case .double: "double"
        case .boolean: "boolean"
        case .map(let entries): "map of \(entries.count) entries"
        case .set(let elements): "set of \(elements.count) elements"
        case .bigNumber: "big number"
        case .verbatim: "verbatim string"
        }
    }
}

/// An error reply from the server, such as `WRONGTYPE ...`, `NOGROUP ...` or `BUSYGROUP ...`.
public struct RedisServerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The whole message, code included.
    public let message: String

    public init(message: String) {
        self.message = message
    }

    /// The first word of the message, by Redis convention the error code: `ERR`, `WRONGTYPE`,
    /// `NOGROUP`, `BUSYGROUP`...
    public var code: String {
        String(message.prefix { $0 != " " })
    }

    public var description: String { message }
}
