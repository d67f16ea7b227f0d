/// Reads the supported msgpack subset from a byte array, remembering the offset so that every
/// error says where it happened.
struct MessagePackReader {
    private let bytes: [UInt8]
    private var offset = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The entry count of the map header at the current offset.
    mutating func readMapCount() throws(MessagePackError) -> Int {
        let start = offset
        let format = try readByte()
        switch format {
        case MessagePackFormat.fixmapLow...MessagePackFormat.fixmapHigh: return Int(format & 0x0f)
        case MessagePackFormat.map16: return try readLength(byteCount: 2)
        case MessagePackFormat.map32: return try readLength(byteCount: 4)
        default: throw MessagePackError(.unsupportedFormat(format, expected: .map), at: start)
        }
    }

    /// A str or bin element as UTF-8 text; a nil value reads as "" (vmihailenco's `DecodeString`),
    /// a nil key is rejected since a Go map cannot have been written with one.
    mutating func readString(_ role: MessagePackError.Expected) throws(MessagePackError) -> String {
        let start = offset
        let format = try readByte()
        let length: Int
        switch format {
        case MessagePackFormat.fixstrLow...MessagePackFormat.fixstrHigh: length = Int(format & 0x1f)
        case MessagePackFormat.str8, MessagePackFormat.bin8: length = try readLength(byteCount: 1)
        case MessagePackFormat.str16, MessagePackFormat.bin16: length = try readLength(byteCount: 2)
        case MessagePackFormat.str32, MessagePackFormat.bin32: length = try readLength(byteCount: 4)
        case MessagePackFormat.nilValue where role == .value: return ""
        default: throw MessagePackError(.unsupportedFormat(format, expected: role), at: start)
        }
        guard let text = String(validating: try readBytes(length), as: UTF8.self) else {
            throw MessagePackError(.invalidUTF8(role), at: start)
        }
        return text
    }

    /// Fails when bytes remain after the map.
    func expectEnd() throws(MessagePackError) {
        guard offset == bytes.count else {
            throw MessagePackError(.trailingBytes(count: bytes.count - offset), at: offset)
        }
    }

    private mutating func readByte() throws(MessagePackError) -> UInt8 {
        let byte = try readBytes(1)
        return byte[byte.startIndex]
    }

    private mutating func readLength(byteCount: Int) throws(MessagePackError) -> Int {
        try readBytes(byteCount).reduce(0) { $0 << 8 | Int($1) }
    }

    private mutating func readBytes(_ count: Int) throws(MessagePackError) -> ArraySlice<UInt8> {
        let remaining = bytes.count - offset
        guard count <= remaining else {
            throw MessagePackError(.truncated(needed: count - remaining), at: offset)
        }
        defer { offset += count }
        return bytes[offset..<offset + count]
    }
}
