import Foundation
import Message
import Testing

/// Decoding of the formats a Go peer may write (vmihailenco's `DecodeString` reads str and bin
/// alike, and nil as ""), and rejection of everything else with the offset of the culprit.
@Suite struct MessagePackDecodingTests {
    @Test(arguments: [
        // key and value in each string width: str 8 / 16 / 32 and bin 8 / 16 / 32
        "81 d9 01 61 d9 01 62",
        "81 da 00 01 61 da 00 01 62",
        "81 db 00 00 00 01 61 db 00 00 00 01 62",
        "81 c4 01 61 c4 01 62",
        "81 c5 00 01 61 c5 00 01 62",
        "81 c6 00 00 00 01 61 c6 00 00 00 01 62",
        // map 16 and map 32 headers for a single entry (valid, if not minimal)
        "de 00 01 a1 61 a1 62",
        "df 00 00 00 01 a1 61 a1 62",
    ])
    func readsEveryStringAndMapWidth(fixture: String) throws {
        #expect(try MessagePackMetadata.decode(hex(fixture)) == ["a": "b"])
    }

    @Test func readsLongStr16AndBin16Values() throws {
        let value = String(repeating: "v", count: 300)
        let fixture = "82 a1 61 da 01 2c \(hex(repeating: "76", count: 300)) a1 62 c5 01 2c \(hex(repeating: "76", count: 300))"
        #expect(try MessagePackMetadata.decode(hex(fixture)) == ["a": value, "b": value])
    }

    @Test func nilValueReadsAsEmptyString() throws {
        #expect(try MessagePackMetadata.decode(hex("82 a1 61 c0 a1 62 a1 63")) == ["a": "", "b": "c"])
    }

    @Test func emptyFieldIsAnEmptyMap() throws {
        #expect(try MessagePackMetadata.decode(Data()) == [:])
        #expect(try MessagePackMetadata.decode(hex("80")) == [:])
    }

    @Test func keysInAnyOrderAsAGoMapWritesThem() throws {
        // Watermill without SortMapKeys writes in Go's random map order: "name" before "correlation_id".
        let fixture = "82 a4 6e616d65 a1 4e ae 636f7272656c6174696f6e5f6964 a1 43"
        #expect(try MessagePackMetadata.decode(hex(fixture)) == ["name": "N", "correlation_id": "C"])
    }

    @Test func repeatedKeyKeepsTheLastValue() throws {
        #expect(try MessagePackMetadata.decode(hex("82 a1 61 a1 31 a1 61 a1 32")) == ["a": "2"])
    }

    @Test func readsUTF8() throws {
        #expect(try MessagePackMetadata.decode(hex("81 a2 c3a9 c4 06 e697a5e69cac")) == ["é": "日本"])
    }

    @Test(arguments: [
        // not a map at the top
        ("01", MessagePackError(.unsupportedFormat(0x01, expected: .map), at: 0)),
        ("91 a1 61", MessagePackError(.unsupportedFormat(0x91, expected: .map), at: 0)),
        ("c0", MessagePackError(.unsupportedFormat(0xc0, expected: .map), at: 0)),
        ("a1 61", MessagePackError(.unsupportedFormat(0xa1, expected: .map), at: 0)),
        // values that are not strings: int, nested map, array, float, bool
        ("81 a1 61 01", MessagePackError(.unsupportedFormat(0x01, expected: .value), at: 3)),
        ("81 a1 61 80", MessagePackError(.unsupportedFormat(0x80, expected: .value), at: 3)),
        ("81 a1 61 91 a1 62", MessagePackError(.unsupportedFormat(0x91, expected: .value), at: 3)),
        ("81 a1 61 cb 3ff0000000000000", MessagePackError(.unsupportedFormat(0xcb, expected: .value), at: 3)),
        ("81 a1 61 c3", MessagePackError(.unsupportedFormat(0xc3, expected: .value), at: 3)),
        // keys that are not strings: int, nil
        ("81 01 a1 61", MessagePackError(.unsupportedFormat(0x01, expected: .key), at: 1)),
        ("81 c0 a1 61", MessagePackError(.unsupportedFormat(0xc0, expected: .key), at: 1)),
        // truncated: missing entry, missing value, short string, short length, short map length
        ("81", MessagePackError(.truncated(needed: 1), at: 1)),
        ("81 a1 61", MessagePackError(.truncated(needed: 1), at: 3)),
        ("81 a5 61 62", MessagePackError(.truncated(needed: 3), at: 2)),
        ("81 a1 61 d9", MessagePackError(.truncated(needed: 1), at: 4)),
        ("81 a1 61 da 00 05 61", MessagePackError(.truncated(needed: 4), at: 6)),
        ("de 00", MessagePackError(.truncated(needed: 1), at: 1)),
        ("df 00 00", MessagePackError(.truncated(needed: 2), at: 1)),
        ("df ff ff ff ff", MessagePackError(.truncated(needed: 1), at: 5)),
        // bytes after the map
        ("80 00", MessagePackError(.trailingBytes(count: 1), at: 1)),
        ("81 a1 61 a1 62 a1 63", MessagePackError(.trailingBytes(count: 2), at: 5)),
        // invalid UTF-8 in a key (str) and a value (bin)
        ("81 a1 ff a1 62", MessagePackError(.invalidUTF8(.key), at: 1)),
        ("81 a1 61 c4 02 c3 28", MessagePackError(.invalidUTF8(.value), at: 3)),
    ])
    func rejectsMalformedInput(fixture: String, expected: MessagePackError) {
        #expect(throws: expected) { try MessagePackMetadata.decode(hex(fixture)) }
    }

    @Test func errorSaysWhatAndWhere() {
        let error = MessagePackError(.unsupportedFormat(0x01, expected: .value), at: 3)
        #expect(error.description == "msgpack metadata: expected a string value but found positive fixint (0x01) at offset 3")
        #expect(MessagePackError(.truncated(needed: 2), at: 7).description == "msgpack metadata: input ends 2 bytes too early at offset 7")
        #expect(MessagePackError(.trailingBytes(count: 1), at: 1).description == "msgpack metadata: 1 trailing byte after the map at offset 1")
        #expect(MessagePackError(.invalidUTF8(.key), at: 1).description == "msgpack metadata: a string key is not valid UTF-8 at offset 1")
        #expect(MessagePackError(.unsupportedFormat(0xdc, expected: .map), at: 0).description.contains("array 16 (0xdc)"))
    }

    @Test func decodesASliceOfLargerData() throws {
        // Data slices keep their parent's indices; decoding must not assume they start at zero.
        let framed = hex("ff ff 81 a1 61 a1 62 ff")
        #expect(try MessagePackMetadata.decode(framed.dropFirst(2).dropLast()) == ["a": "b"])
    }
}
