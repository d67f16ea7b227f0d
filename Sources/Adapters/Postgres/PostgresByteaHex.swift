import Foundation

/// Reads `bytea` values in the hex text format (`\x48656c6c6f`), which every connection selects
/// with `bytea_output = 'hex'`.
enum PostgresByteaHex {
    static func decode(_ text: String) -> Data? {
        var utf8 = text.utf8[...]
        guard utf8.starts(with: [UInt8(ascii: "\\"), UInt8(ascii: "x")]), utf8.count % 2 == 0 else { return nil }
        utf8 = utf8.dropFirst(2)
        var bytes = Data(capacity: utf8.count / 2)
        var iterator = utf8.makeIterator()
        while let high = iterator.next(), let low = iterator.next() {
            guard let highNibble = nibble(high), let lowNibble = nibble(low) else { return nil }
            bytes.append(highNibble << 4 | lowNibble)
        }
        return bytes
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
