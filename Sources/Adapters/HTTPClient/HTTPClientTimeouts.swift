/// How long a request may take: to establish the connection, and in total (connection, sending
/// and receiving the whole response).
public struct HTTPClientTimeouts: Sendable, Equatable {
    public var connect: Duration
    public var total: Duration

    public init(connect: Duration, total: Duration) {
        self.connect = connect
        self.total = total
    }
}

extension Duration {
    /// Whole milliseconds, at least one: libcurl reads a zero timeout as "wait forever".
    var curlMilliseconds: Int {
        let (seconds, attoseconds) = components
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return Int(max(1, milliseconds))
    }
}
