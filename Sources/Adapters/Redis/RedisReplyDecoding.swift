import CHiredis
import Foundation

/// A reply type code that this driver does not know (hiredis 1.x attribute or push replies,
/// which RESP2 never produces).
struct UnsupportedRedisReplyType: Error {
    let type: Int32
}

extension RedisReply {
    /// Decodes the tree hiredis returned, then frees it: the only place the driver frees replies,
    /// so each is freed exactly once, whether decoding succeeds or not.
    static func consuming(_ reply: UnsafeMutableRawPointer) throws(UnsupportedRedisReplyType) -> RedisReply {
        defer { freeReplyObject(reply) }
        return try RedisReply(decoding: reply.assumingMemoryBound(to: redisReply.self))
    }

    /// Copies a reply tree into Swift values; the tree stays owned by the caller.
    init(decoding reply: UnsafePointer<redisReply>) throws(UnsupportedRedisReplyType) {
        let node = reply.pointee
        switch node.type {
        case REDIS_REPLY_STATUS:
            self = .status(Self.text(of: node))
        case REDIS_REPLY_ERROR:
            self = .error(RedisServerError(message: Self.text(of: node)))
        case REDIS_REPLY_INTEGER:
            self = .integer(Int(node.integer))
        case REDIS_REPLY_STRING:
            self = .bulkString(Self.bytes(of: node))
        case REDIS_REPLY_ARRAY:
            self = .array(try Self.elements(of: node))
        case REDIS_REPLY_NIL:
            self = .null
        case REDIS_REPLY_DOUBLE:
            // hiredis keeps the server's own text of the double next to its value; parsing the
            // text works with either hiredis version's struct.
            self = .double(Double(Self.text(of: node)) ?? .nan)
        case REDIS_REPLY_BOOL:
            self = .boolean(node.integer != 0)
        case REDIS_REPLY_MAP:
            let flattened = try Self.elements(of: node)
            self = .map(
                stride(from: 0, to: flattened.count - 1, by: 2).map {
                    MapEntry(key: flattened[$0], value: flattened[$0 + 1])
                })
        case REDIS_REPLY_SET:
            self = .set(try Self.elements(of: node))
        case REDIS_REPLY_BIGNUM:
            self = .bigNumber(Self.text(of: node))
        case REDIS_REPLY_VERB:
            self = .verbatim(
                format: String(cString: tickets_redisReplyVerbatimFormat(reply)), text: Self.bytes(of: node))
        default:
            throw UnsupportedRedisReplyType(type: node.type)
        }
    }

    private static func bytes(of node: redisReply) -> Data {
        guard let start = node.str, node.len > 0 else { return Data() }
        return Data(bytes: start, count: node.len)
    }

    private static func text(of node: redisReply) -> String {
        String(decoding: bytes(of: node), as: UTF8.self)
    }

    private static func elements(of node: redisReply) throws(UnsupportedRedisReplyType) -> [RedisReply] {
        guard let children = node.element, node.elements > 0 else { return [] }
        var elements: [RedisReply] = []
        elements.reserveCapacity(node.elements)
        // hiredis only returns a tree once every element of every array is filled in.
        for index in 0..<node.elements {
            elements.append(try RedisReply(decoding: children[index]!))
        }
        return elements
    }
}
