/// Why msgpack metadata could not be read, and at which byte offset.
public struct MessagePackError: Error, Hashable, CustomStringConvertible {
    /// What the decoder was looking for when it met an unsupported format.
    public enum Expected: Sendable, Hashable {
        case map
        case key
        case value

        var phrase: String {
            switch self {
            case .map: "a map"
            case .key: "a string key"
            case .value: "a string value"
            }
        }
    }

    public enum Problem: Sendable, Hashable {
        /// A format outside the supported subset (e.g. an int, array or nested map), by its first byte.
        case unsupportedFormat(UInt8, expected: Expected)
        /// The input ends `needed` bytes too early.
        case truncated(needed: Int)
        /// Bytes remain after the map.
        case trailingBytes(count: Int)
        /// A key or value is not valid UTF-8.
        case invalidUTF8(Expected)
    }

    public var problem: Problem
    /// Offset of the byte where the problem starts.
    public var offset: Int

    public init(_ problem: Problem, at offset: Int) {
        self.problem = problem
        self.offset = offset
    }

    public var description: String {
        let what =
            switch problem {
            case .unsupportedFormat(let byte, let expected):
                "expected \(expected.phrase) but found \(MessagePackFormat.name(of: byte)) (0x\(byte < 0x10 ? "0" : "")\(String(byte, radix: 16)))"
            case .truncated(let needed):
                "input ends \(needed) byte\(needed == 1 ? "" : "s") too early"
            case .trailingBytes(let count):
                "\(count) trailing byte\(count == 1 ? "" : "s") after the map"
            case .invalidUTF8(let expected):
                "\(expected.phrase) is not valid UTF-8"
            }
        return "msgpack metadata: \(what) at offset \(offset)"
    }
}
