/// A failed Redis call: what went wrong, on which command (its name only: arguments may be
/// large or private) and against which server.
public struct RedisError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// Nothing listens at the address.
        case connectionRefused
        /// Connecting or waiting for a reply took longer than configured.
        case timeout
        /// Any other failure of the connection: reset, closed by the server, name resolution.
        case io
        /// The peer sent bytes that are not the Redis protocol.
        case protocolViolation
        /// The server answered with an error reply; the connection is fine.
        case server(RedisServerError)
        /// The server's reply does not have the shape the command's decoder expects.
        case unexpectedReply
        /// No pooled connection became free in time.
        case poolTimeout
        /// The client or blocking connection has been shut down (or was closed while waiting).
        case closed
    }

    public let kind: Kind
    /// hiredis' description of the failure, the server's message, or what the driver expected.
    public let message: String
    /// The name of the command that failed; nil when connecting failed.
    public let command: String?
    public let address: RedisAddress

    public init(kind: Kind, message: String, command: String?, address: RedisAddress) {
        self.kind = kind
        self.message = message
        self.command = command
        self.address = address
    }

    /// True when the connection failed (rather than the server refusing the command): the
    /// command may or may not have run, and the next call uses a new connection.
    public var isConnectionError: Bool {
        switch kind {
        case .connectionRefused, .timeout, .io, .protocolViolation: true
        case .server, .unexpectedReply, .poolTimeout, .closed: false
        }
    }

    /// The error code of a server error reply (`NOGROUP`, `WRONGTYPE`...), nil for other kinds.
    public var serverErrorCode: String? {
        if case .server(let error) = kind { error.code } else { nil }
    }

    public var description: String {
        "Redis \(command ?? "connect") at \(address): \(kindName): \(message)"
    }

    private var kindName: String {
        switch kind {
        case .connectionRefused: "connection refused"
        case .timeout: "timeout"
        case .io: "I/O error"
        case .protocolViolation: "protocol error"
        case .server: "server error"
        case .unexpectedReply: "unexpected reply"
        case .poolTimeout: "no pooled connection free"
        case .closed: "closed"
        }
    }
}
