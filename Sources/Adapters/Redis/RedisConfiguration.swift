/// How a `RedisClient` reaches its server and sizes its pool.
public struct RedisConfiguration: Sendable {
    public var address: RedisAddress
    /// Connections (and threads) of the shared pool: the number of commands in flight at once.
    public var poolSize: Int
    /// Longest wait for the TCP connection to be established.
    public var connectTimeout: Duration
    /// Longest wait for one reply (or a whole pipeline's replies); nil waits forever. Blocking
    /// reads add their own block period to it; as Redis ends a block period up to one cron tick
    /// late (100 ms at the default `hz 10`), keep it well above that.
    public var commandTimeout: Duration?
    /// Longest wait for a free pooled connection before a call fails with `.poolTimeout`.
    public var poolTimeout: Duration

    public init(
        address: RedisAddress,
        poolSize: Int = 8,
        connectTimeout: Duration = .seconds(2),
        commandTimeout: Duration? = .seconds(5),
        poolTimeout: Duration = .seconds(10)
    ) {
        precondition(poolSize > 0, "a Redis pool needs at least one connection")
        // hiredis treats a zero connect timeout as already expired.
        precondition(connectTimeout > .zero, "the Redis connect timeout must be positive")
        self.address = address
        self.poolSize = poolSize
        self.connectTimeout = connectTimeout
        self.commandTimeout = commandTimeout
        self.poolTimeout = poolTimeout
    }
}
