import Adapters
import Foundation
import TestSupport
import Testing

@Suite struct RedisBinarySafetyTests {
    static let values: [(String, Data)] = [
        ("every byte value", .allByteValues),
        ("embedded NUL bytes", Data([0x61, 0x00, 0x62, 0x00, 0x00, 0x63])),
        ("only NUL", Data([0x00])),
        ("empty", Data()),
        ("unicode", Data("Ünïcödé ✓ 票 🎟️".utf8)),
        ("CRLF inside", Data("line\r\n$5\r\nfake\r\n".utf8)),
        ("one megabyte", Data((0..<1_048_576).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })),
    ]

    @Test(arguments: values)
    func valuesRoundTripByteForByte(name: String, value: Data) async throws {
        try await RedisTesting.withClient { client in
            let key = TestEnvironment.uniqueName("binary")
            try await client.send(["SET", key, value])
            #expect(try await client.send(["GET", key]) == .bulkString(value), "\(name)")
            #expect(try await client.send(["STRLEN", key]).int == value.count)
            try await client.del([key])
        }
    }

    @Test func keysWithNulBytesAndRawByteArraysAreSentExactly() async throws {
        try await RedisTesting.withClient { client in
            let prefix = TestEnvironment.uniqueName("binary-key")
            let key = Data(prefix.utf8) + Data([0x00, 0xFF, 0x00])
            let otherKey = Data(prefix.utf8) + Data([0x00, 0xFE, 0x00])
            let bytes: [UInt8] = [0x00, 0x01, 0xFF]
            try await client.send(["SET", key, bytes])
            #expect(try await client.send(["GET", key]).data == Data(bytes))
            #expect(try await client.send(["GET", otherKey]) == .null, "the bytes after the NUL are part of the key")
            try await client.send(["DEL", key])
        }
    }

    @Test func streamFieldValuesRoundTripByteForByte() async throws {
        try await RedisTesting.withClient { client in
            let stream = TestEnvironment.uniqueName("binary-stream")
            let fields: [(name: String, value: Data)] = [
                ("bytes", .allByteValues), ("empty", Data()), ("unicode", Data("票 ✓".utf8)),
            ]
            let id = try await client.xadd(stream, fields: fields)
            let entries = try await client.xrange(stream)
            #expect(entries == [RedisStreamEntry(id: id, fields: fields)])
            #expect(entries.first?.value(of: "bytes") == .allByteValues)
            try await client.del([stream])
        }
    }
}
