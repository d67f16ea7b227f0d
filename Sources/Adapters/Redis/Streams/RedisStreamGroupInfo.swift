/// One consumer group of a stream, as `XINFO GROUPS` describes it.
public struct RedisStreamGroupInfo: Sendable, Equatable {
    public let name: String
    public let consumers: Int
    /// Entries delivered to the group's consumers and not yet acknowledged.
    public let pending: Int
    public let lastDeliveredID: String
    /// Entries the group has read; nil when Redis cannot tell (after some deletions or trims).
    public let entriesRead: Int?
    /// Entries not yet delivered to the group; nil when Redis cannot tell.
    public let lag: Int?

    public init(name: String, consumers: Int, pending: Int, lastDeliveredID: String, entriesRead: Int?, lag: Int?) {
        self.name = name
        self.consumers = consumers
        self.pending = pending
        self.lastDeliveredID = lastDeliveredID
        self.entriesRead = entriesRead
        self.lag = lag
    }
}
