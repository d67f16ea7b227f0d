/// Measures how deeply a JSON text nests arrays and objects, without parsing it, so that a
/// body nested absurdly deep is refused before any decoder recurses into it.
enum JSONNesting {
    /// Request bodies nest far less: `/tickets-status` is three levels deep.
    static let maxDepth = 32

    /// True when some array or object lies deeper than `limit` levels. Brackets inside strings
    /// do not count.
    static func exceeds(_ limit: Int, in bytes: some Sequence<UInt8>) -> Bool {
        var depth = 0
        var inString = false
        var escaped = false
        for byte in bytes {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > limit { return true }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth -= 1
            default:
                break
            }
        }
        return false
    }
}
