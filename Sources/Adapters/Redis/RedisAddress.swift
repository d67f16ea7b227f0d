/// Where a Redis server listens, written `host:port` as in `REDIS_ADDR` (an IPv6 host in
/// brackets: `[::1]:6379`).
public struct RedisAddress: Sendable, Hashable, CustomStringConvertible {
    public let host: String
    public let port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `host:port`; the error names what is wrong so that configuration can report it.
    public init(parsing text: String) throws(InvalidRedisAddress) {
        guard let separator = text.lastIndex(of: ":") else {
            throw InvalidRedisAddress(text: text, reason: "expected host:port")
        }
        var host = String(text[..<separator])
        if host.hasPrefix("["), host.hasSuffix("]") {
            host = String(host.dropFirst().dropLast())
        }
        guard !host.isEmpty else {
            throw InvalidRedisAddress(text: text, reason: "the host is empty")
        }
        guard let port = Int(text[text.index(after: separator)...]), (1...65535).contains(port) else {
            throw InvalidRedisAddress(text: text, reason: "the port is not a number from 1 to 65535")
        }
        self.init(host: host, port: port)
    }

    public var description: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}

/// A Redis address that does not read as `host:port`.
public struct InvalidRedisAddress: Error, Sendable, CustomStringConvertible {
    public let text: String
    public let reason: String

    public var description: String { "invalid Redis address \"\(text)\": \(reason)" }
}
