/// How a `StreamConsumer` reads, retries and takes over work.
public struct ConsumerConfiguration: Sendable, Equatable {
    public var retry: RetryPolicy
    /// Entries asked for per read.
    public var batchSize: Int
    /// Messages handled at once by one consumer; a failing message waiting for its retry
    /// holds one place, so it never holds up the messages behind it.
    public var maxInFlight: Int
    /// How long one read waits for new entries; also bounds how long shutdown waits for a read.
    public var readBlock: Duration
    /// Entries idle this long are taken over from the consumer holding them (presumed dead).
    /// Entries being handled are kept fresh, so a slow handler keeps its entries.
    public var claimIdle: Duration
    /// How often pending-entry metrics are refreshed.
    public var metricsInterval: Duration

    public init(
        retry: RetryPolicy = RetryPolicy(),
        batchSize: Int = 64,
        maxInFlight: Int = 64,
        readBlock: Duration = .seconds(1),
        claimIdle: Duration = .seconds(30),
        metricsInterval: Duration = .seconds(5)
    ) {
        self.retry = retry
        self.batchSize = batchSize
        self.maxInFlight = maxInFlight
        self.readBlock = readBlock
        self.claimIdle = claimIdle
        self.metricsInterval = metricsInterval
    }

    /// How often abandoned entries are looked for.
    var claimInterval: Duration { claimIdle / 2 }
    /// How often entries in hand are marked fresh: well within `claimIdle`.
    var keepAliveInterval: Duration { claimIdle / 3 }
}
