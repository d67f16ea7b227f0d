import Foundation

/// The `metadata` field of a Watermill Redis Streams entry: a msgpack map of string to string, as
/// `vmihailenco/msgpack` (v4) writes and reads Watermill's `message.Metadata`.
///
/// Encoding picks the smallest header for each length exactly as vmihailenco does (fixmap below
/// 16 entries, then map 16 / map 32; fixstr below 32 bytes, then str 8 / str 16 / str 32) and
/// writes the keys in increasing byte order (vmihailenco's `SortMapKeys(true)`), so that equal maps
/// give equal bytes. Decoding reads a fixmap, map 16 or map 32 whose keys and values are str or
/// bin (vmihailenco's `DecodeString` reads both), and nil values as ""; anything else is a
/// `MessagePackError`.
public enum MessagePackMetadata {
    /// The msgpack bytes of `metadata`. Lengths beyond 4 GiB cannot be written (and Redis would
    /// refuse them anyway): the conversion to a 32-bit length traps.
    public static func encode(_ metadata: [String: String]) -> Data {
        var output = [UInt8]()
        writeMapHeader(count: metadata.count, to: &output)
        let pairs = metadata.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        for (key, value) in pairs {
            writeString(key, to: &output)
            writeString(value, to: &output)
        }
        return Data(output)
    }

    /// The map in `bytes`. Zero bytes decode as an empty map: Watermill sends an empty field for a
    /// message without metadata. When a key repeats, the last value wins, as in a Go map.
    public static func decode(_ bytes: Data) throws(MessagePackError) -> [String: String] {
        guard !bytes.isEmpty else { return [:] }
        var reader = MessagePackReader(bytes: [UInt8](bytes))
        let count = try reader.readMapCount()
        var metadata = [String: String]()
        for _ in 0..<count {
            let key = try reader.readString(.key)
            metadata[key] = try reader.readString(.value)
        }
        try reader.expectEnd()
        return metadata
    }

    private static func writeMapHeader(count: Int, to output: inout [UInt8]) {
        switch count {
        case 0..<16:
            output.append(MessagePackFormat.fixmapLow | UInt8(count))
        case 16...Int(UInt16.max):
            output.append(MessagePackFormat.map16)
            appendBigEndian(UInt16(count), to: &output)
        default:
            output.append(MessagePackFormat.map32)
            appendBigEndian(UInt32(count), to: &output)
        }
    }

    private static func writeString(_ string: String, to output: inout [UInt8]) {
        let utf8 = Array(string.utf8)
        switch utf8.count {
        case 0..<32:
            output.append(MessagePackFormat.fixstrLow | UInt8(utf8.count))
        case 32...Int(UInt8.max):
            output.append(contentsOf: [MessagePackFormat.str8, UInt8(utf8.count)])
        case 256...Int(UInt16.max):
            output.append(MessagePackFormat.str16)
            appendBigEndian(UInt16(utf8.count), to: &output)
        default:
            output.append(MessagePackFormat.str32)
            appendBigEndian(UInt32(utf8.count), to: &output)
        }
        output.append(contentsOf: utf8)
    }

    private static func appendBigEndian<Integer: FixedWidthInteger>(_ value: Integer, to output: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { output.append(contentsOf: $0) }
    }
}
