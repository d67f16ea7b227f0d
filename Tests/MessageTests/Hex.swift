import Foundation

/// The bytes written as hex pairs in `text`; spaces and newlines are ignored so that fixtures can
/// be grouped by msgpack element.
func hex(_ text: String) -> Data {
    let digits = Array(text.filter { !$0.isWhitespace })
    precondition(digits.count.isMultiple(of: 2), "odd number of hex digits in fixture")
    return Data(stride(from: 0, to: digits.count, by: 2).map { UInt8(String(digits[$0...$0 + 1]), radix: 16)! })
}

/// `count` copies of the hex pair `byte`, for fixtures with long strings.
func hex(repeating byte: String, count: Int) -> String {
    String(repeating: byte, count: count)
}

extension Data {
    /// Lowercase hex pairs separated by spaces, for readable failure messages.
    var hexDump: String {
        map { ($0 < 0x10 ? "0" : "") + String($0, radix: 16) }.joined(separator: " ")
    }
}
