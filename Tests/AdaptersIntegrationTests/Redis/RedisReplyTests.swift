import CHiredis
import Foundation
import TestSupport
import Testing

@testable import Adapters

@Suite struct RedisReplyTests {
    @Test func repliesDecodeIntoTheirKinds() async throws {
        try await RedisTesting.withClient { client in
            let key = TestEnvironment.uniqueName("reply")
            #expect(try await client.send(["SET", key, "41"]) == .status("OK"))
            #expect(try await client.send(["INCR", key]) == .integer(42))
            #expect(try await client.send(["GET", key]) == .bulkString(Data("42".utf8)))
            #expect(try await client.send(["GET", key + "-missing"]) == .null)
            #expect(try await client.send(["LRANGE", key + "-missing", 0, -1]) == .array([]))
            try await client.del([key])
        }
    }

    @Test func nestedArraysKeepTheirStructure() async throws {
        try await RedisTesting.withClient { client in
            let reply = try await client.send(["EVAL", "return {1, {2, {'deep'}}, 'top'}", 0])
            #expect(
                reply
                    == .array([
                        .integer(1),
                        .array([.integer(2), .array([.bulkString(Data("deep".utf8))])]),
                        .bulkString(Data("top".utf8)),
                    ]))
        }
    }

    @Test func accessorsReadTheMatchingKindsOnly() {
        let bulk = RedisReply.bulkString(Data("text".utf8))
        #expect(bulk.string == "text")
        #expect(bulk.data == Data("text".utf8))
        #expect(bulk.int == nil)
        #expect(RedisReply.status("OK").string == "OK")
        #expect(RedisReply.integer(7).int == 7)
        #expect(RedisReply.integer(7).string == nil)
        #expect(RedisReply.array([.null]).array == [.null])
        #expect(RedisReply.null.array == nil)
        #expect(RedisReply.null.isNull)
        #expect(RedisReply.bulkString(Data([0xFF, 0xFE])).string == nil, "not UTF-8")
        #expect(RedisReply.set([.integer(1)]).array == [.integer(1)])
    }

    @Test func anErrorReplyThrowsAServerErrorWithItsCode() async throws {
        try await RedisTesting.withClient { client in
            let key = TestEnvironment.uniqueName("wrongtype")
            try await client.send(["SET", key, "string"])
            let error = try await #require(throws: RedisError.self) { try await client.send(["LPUSH", key, "x"]) }
            #expect(error.serverErrorCode == "WRONGTYPE")
            #expect(error.message.hasPrefix("WRONGTYPE "))
            #expect(error.command == "LPUSH")
            #expect(!error.isConnectionError)
            #expect(error.address == client.address)
            // The connection is fine after an error reply.
            #expect(try await client.send(["GET", key]).string == "string")
            try await client.del([key])
        }
    }

    @Test func aReplyOfTheWrongShapeIsReportedWithTheCommand() async throws {
        try await RedisTesting.withClient { client in
            let error = try await #require(throws: RedisError.self) {
                try await client.send(["ECHO", "not a number"]) { reply throws(UnexpectedRedisReply) in
                    try reply.intValue("a number")
                }
            }
            #expect(error.kind == .unexpectedReply)
            #expect(error.command == "ECHO")
            #expect(error.message == "expected a number, got bulk string of 12 bytes")
        }
    }

    @Test func respThreeKindsDecodeFromTheTreesHiredisOneBuilds() throws {
        #expect(try decodeTree(type: REDIS_REPLY_DOUBLE, text: "3.25") == .double(3.25))
        #expect(try decodeTree(type: REDIS_REPLY_DOUBLE, text: "-inf") == .double(-.infinity))
        #expect(try decodeTree(type: REDIS_REPLY_BOOL, integer: 1) == .boolean(true))
        #expect(try decodeTree(type: REDIS_REPLY_BOOL, integer: 0) == .boolean(false))
        #expect(
            try decodeTree(type: REDIS_REPLY_BIGNUM, text: "3492890328409238509324850943850943825024385")
                == .bigNumber("3492890328409238509324850943850943825024385"))
        #expect(
            try decodeTree(type: REDIS_REPLY_VERB, text: "some text")
                == .verbatim(format: "", text: Data("some text".utf8)))
        #expect(
            try decodeTree(type: REDIS_REPLY_SET, children: [(REDIS_REPLY_INTEGER, 1), (REDIS_REPLY_INTEGER, 2)])
                == .set([.integer(1), .integer(2)]))
        #expect(
            try decodeTree(type: REDIS_REPLY_MAP, children: [(REDIS_REPLY_INTEGER, 1), (REDIS_REPLY_INTEGER, 2)])
                == .map([.init(key: .integer(1), value: .integer(2))]))
    }

    @Test func anUnknownReplyTypeIsRejected() {
        #expect(throws: UnsupportedRedisReplyType.self) { try decodeTree(type: 12, integer: 0) }
    }

    /// Builds the kind of tree hiredis 1.x returns (not available on this system) and decodes it.
    private func decodeTree(
        type: Int32, integer: Int = 0, text: String? = nil, children: [(Int32, Int)] = []
    ) throws -> RedisReply {
        var bytes = Array((text ?? "").utf8CString)
        var nodes = children.map { child in
            var node = redisReply()
            node.type = child.0
            node.integer = Int64(child.1)
            return node
        }
        return try bytes.withUnsafeMutableBufferPointer { textBuffer in
            try nodes.withUnsafeMutableBufferPointer { nodeBuffer in
                var elements: [UnsafeMutablePointer<redisReply>?] = (0..<nodeBuffer.count).map {
                    nodeBuffer.baseAddress! + $0
                }
                return try elements.withUnsafeMutableBufferPointer { elementBuffer in
                    var root = redisReply()
                    root.type = type
                    root.integer = Int64(integer)
                    if text != nil {
                        root.str = textBuffer.baseAddress
                        root.len = textBuffer.count - 1
                    }
                    root.elements = elementBuffer.count
                    root.element = elementBuffer.baseAddress
                    return try RedisReply(decoding: &root)
                }
            }
        }
    }
}
