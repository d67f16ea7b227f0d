import Foundation

/// Writes and reads the outbox's `metadata` column, a JSON object of strings, by hand: every
/// outbox row has one, and `JSONDecoder` took a third of the forwarder's CPU for these few short
/// strings (perf, `make bench` forwarder scenario), `JSONEncoder` a tenth of a booking's. Reading
/// is strict JSON: anything but an object whose values are all strings is refused.
enum OutboxMetadataJSON {
    struct Malformed: Error, CustomStringConvertible {
        let offset: Int
        let expected: String
        var description: String { "not a JSON object of strings: expected \(expected) at byte \(offset)" }
    }

    static func encode(_ metadata: [String: String]) -> Data {
        var json: [UInt8] = [UInt8(ascii: "{")]
        for (index, (key, value)) in metadata.enumerated() {
            if index > 0 { json.append(UInt8(ascii: ",")) }
            appendString(key, to: &json)
            json.append(UInt8(ascii: ":"))
            appendString(value, to: &json)
        }
        json.append(UInt8(ascii: "}"))
        return Data(json)
    }

    private static func appendString(_ string: String, to json: inout [UInt8]) {
        let backslash = UInt8(ascii: "\\")
        json.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""), backslash: json += [backslash, byte]
            case 0x0A: json += [backslash, UInt8(ascii: "n")]
            case 0x0D: json += [backslash, UInt8(ascii: "r")]
            case 0x09: json += [backslash, UInt8(ascii: "t")]
            case 0..<0x20: json += Array("\\u00".utf8) + [hexDigit(byte >> 4), hexDigit(byte & 0x0F)]
            default: json.append(byte)
            }
        }
        json.append(UInt8(ascii: "\""))
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }

    static func decode(_ data: Data) throws(Malformed) -> [String: String] {
        let bytes = [UInt8](data)
        var reader = Reader(bytes: bytes)
        var object: [String: String] = [:]
        try reader.expect(UInt8(ascii: "{"), "'{'")
        if try !reader.consume(UInt8(ascii: "}")) {
            repeat {
                let key = try reader.string()
                try reader.expect(UInt8(ascii: ":"), "':'")
                object[key] = try reader.string()
            } while try reader.consume(UInt8(ascii: ","))
            try reader.expect(UInt8(ascii: "}"), "',' or '}'")
        }
        reader.skipWhitespace()
        guard reader.index == bytes.count else { throw Malformed(offset: reader.index, expected: "the end") }
        return object
    }

    private struct Reader {
        let bytes: [UInt8]
        var index = 0

        mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x0A, 0x0D, 0x09: index += 1
                default: return
                }
            }
        }

        /// Skips whitespace, then takes `byte` if it comes next.
        mutating func consume(_ byte: UInt8) throws(Malformed) -> Bool {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        mutating func expect(_ byte: UInt8, _ what: String) throws(Malformed) {
            guard try consume(byte) else { throw Malformed(offset: index, expected: what) }
        }

        mutating func string() throws(Malformed) -> String {
            try expect(UInt8(ascii: "\""), "a string")
            // Most strings have no escape: read straight from the input up to the closing quote.
            let start = index
            while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\"), bytes[index] >= 0x20 {
                index += 1
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: bytes[start..<index - 1], as: UTF8.self)
            }
            var utf8 = Array(bytes[start..<index])
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                switch byte {
                case UInt8(ascii: "\""):
                    return String(decoding: utf8, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    try unescape(into: &utf8)
                case 0..<0x20:
                    throw Malformed(offset: index - 1, expected: "no control character in a string")
                default:
                    utf8.append(byte)
                }
            }
            throw Malformed(offset: index, expected: "the end of the string")
        }

        private mutating func unescape(into utf8: inout [UInt8]) throws(Malformed) {
            guard index < bytes.count else { throw Malformed(offset: index, expected: "an escape") }
            let escape = bytes[index]
            index += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
            case UInt8(ascii: "b"): utf8.append(0x08)
            case UInt8(ascii: "f"): utf8.append(0x0C)
            case UInt8(ascii: "n"): utf8.append(0x0A)
            case UInt8(ascii: "r"): utf8.append(0x0D)
            case UInt8(ascii: "t"): utf8.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hexQuad()
                if (0xD800..<0xDC00).contains(scalar) {
                    // A high surrogate: its low half must follow as another \u escape.
                    guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                        throw Malformed(offset: index, expected: "the low half of a surrogate pair")
                    }
                    index += 2
                    let low = try hexQuad()
                    guard (0xDC00..<0xE000).contains(low) else { throw Malformed(offset: index, expected: "a low surrogate") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let unicode = Unicode.Scalar(scalar) else { throw Malformed(offset: index, expected: "a Unicode scalar") }
                utf8 += Array(String(Character(unicode)).utf8)
            default:
                throw Malformed(offset: index - 1, expected: "a JSON escape")
            }
        }

        private mutating func hexQuad() throws(Malformed) -> UInt32 {
            guard index + 4 <= bytes.count else { throw Malformed(offset: index, expected: "four hex digits") }
            var value: UInt32 = 0
            for byte in bytes[index..<index + 4] {
                guard let digit = Character(Unicode.Scalar(byte)).hexDigitValue else {
                    throw Malformed(offset: index, expected: "four hex digits")
                }
                value = value << 4 | UInt32(digit)
            }
            index += 4
            return value
        }
    }
}
