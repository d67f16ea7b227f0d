import Foundation
import Message

/// Who reads: one consumer of one group on one stream.
struct GroupReader: Sendable {
    var topic: String
    var group: String
    var consumer: String
}

/// The consumer-group commands, each atomic as in Redis, with the semantics Redis 7 documents.
extension InMemoryRedisStreams {
    /// `XGROUP CREATE <topic> <group> 0 MKSTREAM`; an existing group is left as it is.
    func createGroup(_ reader: GroupReader) {
        state.withLock { state in
            var stream = state.streams[reader.topic] ?? Stream()
            if stream.groups[reader.group] == nil { stream.groups[reader.group] = Group() }
            state.streams[reader.topic] = stream
        }
    }

    /// `XREADGROUP GROUP <group> <consumer> COUNT <count> STREAMS <topic> >`: entries after the
    /// group's last delivered one become pending for the consumer, delivered once.
    func deliverNew(_ reader: GroupReader, count: Int) throws(InMemoryStreamError) -> [ConsumedEntry] {
        try withGroup(reader) { stream, group, now in
            let fresh = stream.entries.filter { $0.id > group.lastDeliveredID }.prefix(count)
            for entry in fresh {
                group.pending[entry.id] = PendingEntry(consumer: reader.consumer, deliveryCount: 1, deliveredAt: now)
                group.lastDeliveredID = entry.id
            }
            return fresh.map { ConsumedEntry(id: $0.id.description, fields: $0.fields, deliveryCount: 1) }
        }
    }

    /// `XREADGROUP ... STREAMS <topic> <after>`: the consumer's own pending entries after `after`,
    /// each delivered once more; a deleted entry comes with `nil` fields and is not counted.
    func readOwnPending(_ reader: GroupReader, after: String, count: Int) throws(InMemoryStreamError) -> [ConsumedEntry] {
        guard let after = StreamEntryID(after) else { throw .invalidID(after) }
        return try withGroup(reader) { stream, group, now in
            let own = group.pending.filter { $0.key > after && $0.value.consumer == reader.consumer }.keys.sorted().prefix(count)
            return own.map { id in Self.deliverAgain(id, of: stream, in: &group, now: now) }
        }
    }

    /// One own pending entry delivered once more (history read from just before it); `nil` when
    /// the consumer does not hold it.
    func redeliver(_ reader: GroupReader, id: String) throws(InMemoryStreamError) -> ConsumedEntry? {
        guard let id = StreamEntryID(id) else { throw .invalidID(id) }
        return try withGroup(reader) { stream, group, now in
            guard group.pending[id]?.consumer == reader.consumer else { return nil }
            return Self.deliverAgain(id, of: stream, in: &group, now: now)
        }
    }

    /// `XCLAIM <topic> <group> <consumer> 0 <ids> JUSTID`: the pending entries among `ids` become
    /// the consumer's and fresh, their delivery counts unchanged; pending entries deleted from the
    /// stream leave the pending list.
    func claimFresh(_ reader: GroupReader, ids: [String]) throws(InMemoryStreamError) {
        let parsed = try ids.map { (text: String) throws(InMemoryStreamError) -> StreamEntryID in
            guard let id = StreamEntryID(text) else { throw .invalidID(text) }
            return id
        }
        try withGroup(reader) { stream, group, now in
            for id in parsed where group.pending[id] != nil {
                if stream.fields(of: id) == nil {
                    group.pending[id] = nil
                } else {
                    group.pending[id]?.consumer = reader.consumer
                    group.pending[id]?.deliveredAt = now
                }
            }
        }
    }

    /// `XAUTOCLAIM <topic> <group> <consumer> <minIdle> <cursor> COUNT <count>`: scans the group's
    /// pending list from `cursor` (at most `count` × 10 entries), takes over entries idle for at
    /// least `minIdle` (counting a delivery) and drops those deleted from the stream.
    func autoClaim(_ reader: GroupReader, minIdle: Duration, cursor: String, count: Int) throws(InMemoryStreamError) -> AbandonedEntries {
        guard let start = StreamEntryID(cursor) else { throw .invalidID(cursor) }
        return try withGroup(reader) { stream, group, now in
            let candidates = group.pending.keys.filter { $0 >= start }.sorted()
            var scanned = 0
            var remaining = count
            var claimed: [ConsumedEntry] = []
            var deleted: [String] = []
            while scanned < candidates.count, scanned < count * 10, remaining > 0 {
                let id = candidates[scanned]
                scanned += 1
                guard let pending = group.pending[id], now - pending.deliveredAt >= minIdle else { continue }
                remaining -= 1
                guard let fields = stream.fields(of: id) else {
                    group.pending[id] = nil
                    deleted.append(id.description)
                    continue
                }
                let count = pending.deliveryCount + 1
                group.pending[id] = PendingEntry(consumer: reader.consumer, deliveryCount: count, deliveredAt: now)
                claimed.append(ConsumedEntry(id: id.description, fields: fields, deliveryCount: count))
            }
            let next = scanned < candidates.count ? candidates[scanned].description : "0-0"
            return AbandonedEntries(nextCursor: next, entries: claimed, deletedIDs: deleted)
        }
    }

    /// `XACK`: the entries leave the group's pending list, whoever held them.
    func acknowledge(_ reader: GroupReader, ids: [String]) throws(InMemoryStreamError) {
        try withGroup(reader) { _, group, _ in
            for id in ids {
                if let id = StreamEntryID(id) { group.pending[id] = nil }
            }
        }
    }

    /// `MULTI; XADD <deadLetterTopic> * <fields>; XACK <topic> <group> <id>; EXEC`.
    func deadLetter(_ reader: GroupReader, fields: [StreamField], to deadLetterTopic: String, acknowledging id: String) throws(InMemoryStreamError) {
        guard let entryID = StreamEntryID(id) else { throw .invalidID(id) }
        try state.withLock { state throws(InMemoryStreamError) in
            guard state.streams[reader.topic]?.groups[reader.group] != nil else {
                throw .noGroup(topic: reader.topic, group: reader.group)
            }
            _ = state.append(fields, to: deadLetterTopic)
            state.streams[reader.topic]?.groups[reader.group]?.pending[entryID] = nil
        }
        changes.signal()
    }

    /// `XPENDING <topic> <group>` summary: how many, and the longest idle.
    func pendingSummary(_ reader: GroupReader) throws(InMemoryStreamError) -> PendingSummary {
        try withGroup(reader) { _, group, now in
            PendingSummary(count: group.pending.count, oldestIdle: group.pending.values.map { now - $0.deliveredAt }.max())
        }
    }

    private static func deliverAgain(_ id: StreamEntryID, of stream: Stream, in group: inout Group, now: ContinuousClock.Instant) -> ConsumedEntry {
        guard let fields = stream.fields(of: id), var pending = group.pending[id] else {
            return ConsumedEntry(id: id.description, fields: nil, deliveryCount: group.pending[id]?.deliveryCount ?? 0)
        }
        pending.deliveryCount += 1
        pending.deliveredAt = now
        group.pending[id] = pending
        return ConsumedEntry(id: id.description, fields: fields, deliveryCount: pending.deliveryCount)
    }

    /// Runs `body` on the reader's group atomically; `NOGROUP` when it does not exist.
    private func withGroup<Result>(
        _ reader: GroupReader, _ body: (Stream, inout Group, ContinuousClock.Instant) -> Result
    ) throws(InMemoryStreamError) -> Result {
        try state.withLock { state throws(InMemoryStreamError) in
            guard let stream = state.streams[reader.topic], var group = stream.groups[reader.group] else {
                throw .noGroup(topic: reader.topic, group: reader.group)
            }
            let result = body(stream, &group, state.now)
            state.streams[reader.topic]?.groups[reader.group] = group
            return result
        }
    }
}
