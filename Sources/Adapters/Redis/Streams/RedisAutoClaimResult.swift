/// What one `XAUTOCLAIM` call claimed.
public struct RedisAutoClaimResult: Sendable, Equatable {
    /// Where the next call should start; `0-0` once the whole pending list has been scanned.
    public let nextCursor: String
    /// The entries now owned by the claiming consumer.
    public let entries: [RedisStreamEntry]
    /// Pending entries whose messages had been deleted from the stream: Redis removed them from
    /// the pending list instead of claiming them.
    public let deletedIDs: [String]

    public init(nextCursor: String, entries: [RedisStreamEntry], deletedIDs: [String]) {
        self.nextCursor = nextCursor
        self.entries = entries
        self.deletedIDs = deletedIDs
    }
}
