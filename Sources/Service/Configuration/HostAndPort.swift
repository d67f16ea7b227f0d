/// A `host:port` pair as in `HTTP_ADDR` and `REDIS_ADDR`.
struct HostAndPort: Sendable, Equatable, CustomStringConvertible {
    var host: String
    var port: Int

    init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `host:port`; `nil` when there is no host, no port or a port out of range.
    init?(_ text: String) {
        guard let colon = text.lastIndex(of: ":") else { return nil }
        let host = String(text[..<colon])
        guard !host.isEmpty, !host.contains("/"), let port = Int(text[text.index(after: colon)...]),
              (1...65535).contains(port)
        else { return nil }
        self.init(host: host, port: port)
    }

    var description: String { "\(host):\(port)" }
}
