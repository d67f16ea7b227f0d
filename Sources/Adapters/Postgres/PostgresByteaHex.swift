import Foundation

/// Reads `bytea` values in the hex text format (`\x48656c6c6f`), which every connection selects
/// with `bytea_output = 'hex'`.
enum PostgresByteaHex {
    /// Works on the string's contiguous UTF-8 and writes into one buffer: the outbox forwarder
    /// decodes every payload it moves, and appending to `Data` byte by byte was most of its CPU
    /// time (`make bench`, forwarder scenario).
    static func decode(_ text: String) -> Data? {
        var text = text
        return text.withUTF8 { utf8 -> Data? in
            guard utf8.count >= 2, utf8.count % 2 == 0, utf8[0] == UInt8(ascii: "\\"), utf8[1] == UInt8(ascii: "x") else {
                return nil
            }
            var bytes = Data(count: (utf8.count - 2) / 2)
            let decoded = bytes.withUnsafeMutableBytes { output in
                for index in output.indices {
                    guard let high = nibble(utf8[2 + 2 * index]), let low = nibble(utf8[3 + 2 * index]) else { return false }
                    output[index] = high << 4 | low
                }
                return true
            }
            return decoded ? bytes : nil
        }
    }

    private static func nibble(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
