import Foundation

/// An entry of a stream as a consumer group hands it to one consumer.
public struct ConsumedEntry: Sendable, Equatable {
    /// The stream entry id, e.g. `1700000000000-0`.
    public var id: String
    /// The entry's fields; `nil` when the entry was deleted or trimmed while it was pending.
    public var fields: [StreamField]?
    /// How many times the group has delivered the entry, this delivery included.
    public var deliveryCount: Int

    public init(id: String, fields: [StreamField]?, deliveryCount: Int) {
        self.id = id
        self.fields = fields
        self.deliveryCount = deliveryCount
    }
}

/// Entries taken over from consumers that stopped acknowledging them (`XAUTOCLAIM`).
public struct AbandonedEntries: Sendable, Equatable {
    /// Where the next scan starts; `0-0` once the whole pending list was scanned.
    public var nextCursor: String
    public var entries: [ConsumedEntry]
    /// Pending entries whose stream entry no longer exists; the stream already dropped them.
    public var deletedIDs: [String]

    public init(nextCursor: String, entries: [ConsumedEntry], deletedIDs: [String]) {
        self.nextCursor = nextCursor
        self.entries = entries
        self.deletedIDs = deletedIDs
    }
}

/// The pending entries of a consumer group, for the lag metrics.
public struct PendingSummary: Sendable, Equatable {
    public var count: Int
    /// How long the oldest pending entry has waited since its last delivery.
    public var oldestIdle: Duration?

    public init(count: Int, oldestIdle: Duration?) {
        self.count = count
        self.oldestIdle = oldestIdle
    }
}

/// One consumer's view of a consumer group on one stream: the operations `StreamConsumer` needs,
/// implemented over Redis Streams in `Adapters` and in memory in tests.
public protocol ConsumerGroupStream: Sendable {
    /// Creates the group reading from the start of the stream (and the stream if missing); an
    /// existing group is not an error.
    func createGroup() async throws
    /// This consumer's own pending entries after `id` (`0` for all), e.g. after a restart.
    func readOwnPending(after id: String, count: Int) async throws -> [ConsumedEntry]
    /// New entries for this consumer, waiting up to `block` for the first one.
    func readNew(count: Int, block: Duration) async throws -> [ConsumedEntry]
    /// Delivers an entry this consumer holds once more, counting the delivery; `nil` when the
    /// entry is no longer pending for this consumer or was deleted.
    func redeliver(_ id: String) async throws -> ConsumedEntry?
    /// Marks entries still being worked on as fresh, so that no other consumer claims them.
    func keepClaimed(_ ids: [String]) async throws
    /// Takes over entries idle for at least `minIdle` from any consumer of the group.
    func claimAbandoned(minIdle: Duration, cursor: String, count: Int) async throws -> AbandonedEntries
    /// Acknowledges entries: they leave the pending list.
    func ack(_ ids: [String]) async throws
    /// Adds `fields` to the dead-letter stream and acknowledges `id`, in one step.
    func deadLetter(_ fields: [StreamField], acknowledging id: String) async throws
    /// The group's pending entries.
    func pendingSummary() async throws -> PendingSummary
    /// Ends a read blocked in `readNew` and releases the stream's connections.
    func close() async
}

/// Opens the consumer-group streams consumers read.
public protocol ConsumerGroupStreams: Sendable {
    func open(topic: String, group: String, consumer: String, deadLetterTopic: String) -> any ConsumerGroupStream
}
