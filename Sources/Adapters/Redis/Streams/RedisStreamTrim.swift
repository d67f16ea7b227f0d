/// How `XADD` or `XTRIM` caps a stream. Approximate trimming (`~`) lets Redis drop whole
/// nodes only, which is much cheaper; the stream may then keep a few entries more.
public enum RedisStreamTrim: Sendable, Hashable {
    /// Keep about the newest `count` entries.
    case maxLength(Int, approximate: Bool = true)
    /// Drop entries with ids lower than the given one.
    case minimumID(String, approximate: Bool = true)

    /// The arguments that express this trim, e.g. `MAXLEN ~ 1000`.
    var arguments: [any RedisArgument] {
        switch self {
        case .maxLength(let count, let approximate): ["MAXLEN", approximate ? "~" : "=", count]
        case .minimumID(let id, let approximate): ["MINID", approximate ? "~" : "=", id]
        }
    }
}
