/// The shared Redis client: a small pool of connections used on threads of their own, so that
/// hiredis never blocks the cooperative pool. Connections are made lazily and replaced after
/// they break (a server restart costs at most the call that was in flight on each).
///
/// Long blocking reads (`XREADGROUP ... BLOCK`) belong on a `RedisBlockingConnection`
/// (`makeBlockingConnection()`), never on this pool.
public final class RedisClient: RedisCommandSending {
    public let configuration: RedisConfiguration
    private let pool: RedisConnectionPool

    public init(configuration: RedisConfiguration) {
        self.configuration = configuration
        pool = RedisConnectionPool(configuration: configuration)
    }

    public var address: RedisAddress { configuration.address }

    /// Sends one command and returns its reply. Throws `RedisError`: `.server` for an error
    /// reply, a connection kind when the connection failed (the command may or may not have
    /// run; it is not sent again), `.poolTimeout`, `.closed`.
    @discardableResult
    public func send(_ command: RedisCommand) async throws -> RedisReply {
        try await pool.withConnection(for: command.name) { connection throws(RedisError) in
            try connection.send(command)
        }
    }

    /// Sends all commands in one round trip and returns their replies in order. Error replies
    /// are `.error` elements (the other commands still run); a connection failure throws.
    public func pipeline(_ commands: [RedisCommand]) async throws -> [RedisReply] {
        guard let first = commands.first else { return [] }
        return try await pool.withConnection(for: first.name) { connection throws(RedisError) in
            try connection.pipeline(commands)
        }
    }

    /// Checks that the server answers.
    public func ping() async throws {
        try await send(["PING"]) { reply throws(UnexpectedRedisReply) in
            guard reply == .status("PONG") else { throw UnexpectedRedisReply(expected: "PONG", actual: reply) }
        }
    }

    /// A connection of its own, on a thread of its own, for blocking reads.
    public func makeBlockingConnection() -> RedisBlockingConnection {
        RedisBlockingConnection(configuration: configuration)
    }

    /// Refuses new calls, lets those in progress finish, and closes the connections. Blocking
    /// connections made by this client are closed separately.
    public func shutdown() async throws {
        try await pool.shutdown()
    }
}
