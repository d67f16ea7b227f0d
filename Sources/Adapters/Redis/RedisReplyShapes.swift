import Foundation

/// Readers for the reply shapes commands document; each throws `UnexpectedRedisReply` naming
/// what was expected.
extension RedisReply {
    func arrayValue(_ expected: String) throws(UnexpectedRedisReply) -> [RedisReply] {
        guard case .array(let elements) = self else { throw UnexpectedRedisReply(expected: expected, actual: self) }
        return elements
    }

    /// An array of exactly `count` elements.
    func tupleValue(_ count: Int, _ expected: String) throws(UnexpectedRedisReply) -> [RedisReply] {
        let elements = try arrayValue(expected)
        guard elements.count == count else { throw UnexpectedRedisReply(expected: expected, actual: self) }
        return elements
    }

    /// The text of a bulk string or status.
    func stringValue(_ expected: String) throws(UnexpectedRedisReply) -> String {
        switch self {
        case .bulkString(let bytes): String(decoding: bytes, as: UTF8.self)
        case .status(let text): text
        default: throw UnexpectedRedisReply(expected: expected, actual: self)
        }
    }

    func optionalStringValue(_ expected: String) throws(UnexpectedRedisReply) -> String? {
        isNull ? nil : try stringValue(expected)
    }

    func dataValue(_ expected: String) throws(UnexpectedRedisReply) -> Data {
        guard case .bulkString(let bytes) = self else { throw UnexpectedRedisReply(expected: expected, actual: self) }
        return bytes
    }

    /// An integer reply, or a bulk string holding a decimal integer (some commands send counts
    /// that way, e.g. `XPENDING`'s per-consumer counts).
    func intValue(_ expected: String) throws(UnexpectedRedisReply) -> Int {
        switch self {
        case .integer(let value): return value
        case .bulkString(let bytes):
            guard let value = Int(String(decoding: bytes, as: UTF8.self)) else {
                throw UnexpectedRedisReply(expected: expected, actual: self)
            }
            return value
        default: throw UnexpectedRedisReply(expected: expected, actual: self)
        }
    }

    func optionalIntValue(_ expected: String) throws(UnexpectedRedisReply) -> Int? {
        isNull ? nil : try intValue(expected)
    }

    /// A flat array of alternating names and values (RESP2's form of a map), by name.
    func fieldMapValue(_ expected: String) throws(UnexpectedRedisReply) -> [String: RedisReply] {
        let elements = try arrayValue(expected)
        guard elements.count.isMultiple(of: 2) else { throw UnexpectedRedisReply(expected: expected, actual: self) }
        var map: [String: RedisReply] = [:]
        for index in stride(from: 0, to: elements.count, by: 2) {
            map[try elements[index].stringValue(expected)] = elements[index + 1]
        }
        return map
    }
}
