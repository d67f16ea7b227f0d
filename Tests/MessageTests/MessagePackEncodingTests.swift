import Foundation
import Message
import Testing

/// Golden bytes of the metadata encoder.
///
/// Derived from the msgpack spec (github.com/msgpack/msgpack/blob/master/spec.md, "Formats") and
/// from how vmihailenco/msgpack v4 — the encoder of watermill-redisstream's
/// `pkg/redisstream/marshaller.go` (`msgpack.Marshal(msg.Metadata)`) — writes a
/// `map[string]string`: `EncodeMapLen` (l < 16 → fixmap 0x80|l, l <= 0xffff → map 16 0xde + u16,
/// else map 32 0xdf + u32) and `encodeStrLen` (l < 32 → fixstr 0xa0|l, l < 256 → str 8 0xd9 + u8,
/// l < 65536 → str 16 0xda + u16, else str 32 0xdb + u32), lengths big-endian and in bytes of
/// UTF-8; keys in increasing order as with `SortMapKeys(true)` (`encodeSortedMapStringString`).
@Suite struct MessagePackEncodingTests {
    @Test func emptyMapIsAFixmapOfZero() {
        #expect(MessagePackMetadata.encode([:]) == hex("80"))
    }

    @Test func onePairIsAFixmapOfFixstrs() {
        // 81: fixmap of 1 · a4 "name" · ae (0xa0|14) "BookingMade_v1"
        let expected = hex("81 a4 6e616d65 ae 426f6f6b696e674d6164655f7631")
        #expect(MessagePackMetadata.encode(["name": "BookingMade_v1"]).hexDump == expected.hexDump)
    }

    @Test func keysAreWrittenInByteOrder() {
        // 83: fixmap of 3; "correlation_id" (14 bytes, ae) < "name" (a4) < "traceparent" (ab);
        // the 55-byte traceparent is past fixstr's 31: str 8, d9 37.
        let traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
        let expected = hex(
            """
            83
            ae 636f7272656c6174696f6e5f6964  a6 636f72722d31
            a4 6e616d65  b0 5469636b65745072696e7465645f7631
            ab 7472616365706172656e74  d9 37 \(Data(traceparent.utf8).hexDump)
            """
        )
        let metadata = ["traceparent": traceparent, "name": "TicketPrinted_v1", "correlation_id": "corr-1"]
        #expect(MessagePackMetadata.encode(metadata).hexDump == expected.hexDump)
    }

    @Test func keysSortByUTF8BytesNotByCase() {
        // "B" 0x42 < "Z" 0x5a < "a" 0x61 < "é" 0xc3 0xa9; values empty strings (a0).
        let expected = hex("84 a1 42 a0 a1 5a a0 a1 61 a0 a2 c3a9 a0")
        #expect(MessagePackMetadata.encode(["a": "", "é": "", "Z": "", "B": ""]).hexDump == expected.hexDump)
    }

    @Test func lengthsCountUTF8Bytes() {
        // "é" is 2 bytes (a2 c3 a9), "日本" 6 bytes (a6 e697a5 e69cac).
        #expect(MessagePackMetadata.encode(["é": "日本"]).hexDump == hex("81 a2 c3a9 a6 e697a5e69cac").hexDump)
    }

    @Test func fortyByteValueIsStr8() {
        // 81 · a1 "k" · d9 28 (str 8, length 40) · 40 × "x" (0x78)
        let expected = hex("81 a1 6b d9 28" + hex(repeating: "78", count: 40))
        #expect(MessagePackMetadata.encode(["k": String(repeating: "x", count: 40)]) == expected)
    }

    @Test func threeHundredByteValueIsStr16() {
        // 81 · a1 "k" · da 01 2c (str 16, length 300) · 300 × "y" (0x79)
        let expected = hex("81 a1 6b da 01 2c" + hex(repeating: "79", count: 300))
        #expect(MessagePackMetadata.encode(["k": String(repeating: "y", count: 300)]) == expected)
    }

    @Test func sixteenKeysAreMap16() {
        // de 00 10 (map 16, 16 entries), then "k00" → "v00" … "k15" → "v15" in key order:
        // a3 6b 30 30 a3 76 30 30, …
        let pairs = (0..<16).map { index in
            let digits = "3\(index / 10) 3\(index % 10)"
            return "a3 6b \(digits) a3 76 \(digits)"
        }
        let expected = hex("de 00 10 " + pairs.joined(separator: " "))
        let metadata = Dictionary(uniqueKeysWithValues: (0..<16).map { (String(format: "k%02d", $0), String(format: "v%02d", $0)) })
        #expect(MessagePackMetadata.encode(metadata).hexDump == expected.hexDump)
    }

    @Test(arguments: [
        (0, "a0"), (31, "bf"), (32, "d9 20"), (255, "d9 ff"), (256, "da 01 00"), (65535, "da ff ff"), (65536, "db 00 01 00 00"),
    ])
    func stringHeaderIsTheSmallestThatFits(length: Int, header: String) {
        // 81 · a1 "k" · value header · value bytes ("z", 0x7a)
        let expected = hex("81 a1 6b " + header + hex(repeating: "7a", count: length))
        #expect(MessagePackMetadata.encode(["k": String(repeating: "z", count: length)]) == expected)
    }

    @Test(arguments: [(15, "8f"), (16, "de 00 10"), (65535, "de ff ff"), (65536, "df 00 01 00 00")])
    func mapHeaderIsTheSmallestThatFits(count: Int, header: String) throws {
        let metadata = Dictionary(uniqueKeysWithValues: (0..<count).map { ("key\($0)", "") })
        let encoded = MessagePackMetadata.encode(metadata)
        #expect(encoded.prefix(hex(header).count) == hex(header))
        #expect(try MessagePackMetadata.decode(encoded) == metadata)
    }
}
