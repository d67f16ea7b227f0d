import Foundation
import Message

/// One consumer's view of a consumer group on one Redis stream (`ConsumerGroupStream`).
///
/// `readNew` blocks on the server (`XREADGROUP ... BLOCK`) on a connection of its own, so a
/// waiting reader never holds a connection or thread of the shared client; every other call
/// goes through the shared client. When the group or its stream has vanished (deleted, or a
/// Redis restarted without persistence), the call that notices recreates the group from the
/// start of the stream and reports nothing to do, so the consumer carries on.
public struct RedisConsumerGroupStream: ConsumerGroupStream {
    public let topic: String
    public let group: String
    public let consumer: String
    public let deadLetterTopic: String
    private let client: RedisClient
    private let blockingConnection: RedisBlockingConnection

    init(
        client: RedisClient, blockingConnection: RedisBlockingConnection,
        topic: String, group: String, consumer: String, deadLetterTopic: String
    ) {
        self.client = client
        self.blockingConnection = blockingConnection
        self.topic = topic
        self.group = group
        self.consumer = consumer
        self.deadLetterTopic = deadLetterTopic
    }

    public func createGroup() async throws {
        try await client.xgroupCreate(topic, group: group, from: "0", makeStream: true)
    }

    /// Reading history counts a delivery in Redis, except for deleted entries; the counts are
    /// looked up afterwards. An entry that left this consumer in between is left out.
    public func readOwnPending(after id: String, count: Int) async throws -> [ConsumedEntry] {
        try await recreatingLostGroup(orElse: []) {
            let batches = try await client.xreadgroup(
                group: group, consumer: consumer, streams: [(topic, id)], count: count)
            return try await withDeliveryCounts(batches.flatMap(\.entries))
        }
    }

    public func readNew(count: Int, block: Duration) async throws -> [ConsumedEntry] {
        try await recreatingLostGroup(orElse: []) {
            let batches = try await blockingConnection.xreadgroup(
                group: group, consumer: consumer, streams: [(topic, ">")], count: count, block: block)
            return batches.flatMap(\.entries).map { ConsumedEntry($0, deliveryCount: 1) }
        }
    }

    public func redeliver(_ id: String) async throws -> ConsumedEntry? {
        try await recreatingLostGroup(orElse: nil) {
            let command = RedisConsumerGroupScripts.redeliver(stream: topic, group: group, consumer: consumer, id: id)
            return try await client.send(command) { reply throws(UnexpectedRedisReply) -> ConsumedEntry? in
                guard !reply.isNull else { return nil }
                let parts = try reply.tupleValue(2, "[delivery count, claimed entries]")
                let deliveryCount = try parts[0].intValue("a delivery count")
                let claimed = try RedisStreamEntry.list(decoding: parts[1])
                guard let entry = claimed.first(where: { $0.id == id }) else {
                    return ConsumedEntry(id: id, fields: nil, deliveryCount: deliveryCount)
                }
                return ConsumedEntry(entry, deliveryCount: deliveryCount)
            }
        }
    }

    public func keepClaimed(_ ids: [String]) async throws {
        try await recreatingLostGroup(orElse: ()) {
            try await client.xclaimJustID(topic, group: group, consumer: consumer, minIdle: .zero, ids: ids, idle: .zero)
        }
    }

    public func claimAbandoned(minIdle: Duration, cursor: String, count: Int) async throws -> AbandonedEntries {
        try await recreatingLostGroup(orElse: AbandonedEntries(nextCursor: "0-0", entries: [], deletedIDs: [])) {
            let claimed = try await client.xautoclaim(
                topic, group: group, consumer: consumer, minIdle: minIdle, start: cursor, count: count)
            return AbandonedEntries(
                nextCursor: claimed.nextCursor,
                entries: try await withDeliveryCounts(claimed.entries),
                deletedIDs: claimed.deletedIDs)
        }
    }

    public func ack(_ ids: [String]) async throws {
        try await client.xack(topic, group: group, ids: ids)
    }

    public func deadLetter(_ fields: [StreamField], acknowledging id: String) async throws {
        let command = RedisConsumerGroupScripts.deadLetter(
            deadLetterStream: deadLetterTopic, stream: topic, group: group, id: id, fields: fields)
        try await client.send(command)
    }

    /// The oldest idle time is that of the lowest pending id, the entry waiting longest as a rule.
    public func pendingSummary() async throws -> PendingSummary {
        try await recreatingLostGroup(orElse: PendingSummary(count: 0, oldestIdle: nil)) {
            let summary = try await client.xpendingSummary(topic, group: group)
            guard summary.count > 0 else { return PendingSummary(count: 0, oldestIdle: nil) }
            let oldest = try await client.xpending(topic, group: group, count: 1)
            return PendingSummary(count: summary.count, oldestIdle: oldest.first?.idle)
        }
    }

    public func close() async {
        await blockingConnection.close()
    }

    // MARK: Helpers

    /// The entries with their delivery counts from `XPENDING`, one lookup per entry in one round
    /// trip (entries taken over are scattered among this consumer's others, so no one range
    /// holds exactly them). Entries no longer pending for this consumer are left out.
    private func withDeliveryCounts(_ entries: [RedisStreamEntry]) async throws -> [ConsumedEntry] {
        guard !entries.isEmpty else { return [] }
        let lookups = entries.map { entry -> RedisCommand in
            ["XPENDING", topic, group, entry.id, entry.id, 1, consumer]
        }
        let replies = try await client.pipeline(lookups)
        var consumed: [ConsumedEntry] = []
        consumed.reserveCapacity(entries.count)
        for (entry, reply) in zip(entries, replies) {
            if case .error(let serverError) = reply {
                throw RedisError(kind: .server(serverError), message: serverError.message, command: "XPENDING", address: client.address)
            }
            let pending: RedisPendingEntry?
            do {
                pending = try reply.arrayValue("a list of pending entries").first.map(RedisPendingEntry.init(decoding:))
            } catch {
                throw RedisError(kind: .unexpectedReply, message: "\(error)", command: "XPENDING", address: client.address)
            }
            if let pending {
                consumed.append(ConsumedEntry(entry, deliveryCount: pending.deliveryCount))
            }
        }
        return consumed
    }

    /// Runs `body`; when the group or its stream no longer exists, recreates the group and
    /// returns `fallback` (with the group gone, nothing was pending).
    private func recreatingLostGroup<Value>(orElse fallback: Value, _ body: () async throws -> Value) async throws -> Value {
        do {
            return try await body()
        } catch let error as RedisError where error.isLostGroup {
            try await createGroup()
            return fallback
        }
    }
}

extension RedisError {
    /// The consumer group or its stream no longer exists: `NOGROUP`, or `UNBLOCKED` for a read
    /// that was blocked when the stream was deleted.
    var isLostGroup: Bool {
        serverErrorCode == "NOGROUP" || serverErrorCode == "UNBLOCKED"
    }
}

extension ConsumedEntry {
    init(_ entry: RedisStreamEntry, deliveryCount: Int) {
        self.init(
            id: entry.id,
            fields: entry.fields.map { fields in fields.map { StreamField(name: $0.name, value: $0.value) } },
            deliveryCount: deliveryCount)
    }
}
