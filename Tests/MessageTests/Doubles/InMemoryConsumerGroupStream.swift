import Foundation
import Message

/// One consumer's view of a group in `InMemoryRedisStreams`, as the Redis adapter gives it to a
/// `StreamConsumer`. Every operation can be made to fail with `InMemoryRedisStreams.failNext`.
struct InMemoryConsumerGroupStream: ConsumerGroupStream {
    let streams: InMemoryRedisStreams
    let reader: GroupReader
    let deadLetterTopic: String
    /// This view's connection, which `close` ends.
    let handle: UInt64

    func createGroup() async throws {
        try streams.failIfAsked(.createGroup)
        streams.createGroup(reader)
    }

    func readOwnPending(after id: String, count: Int) async throws -> [ConsumedEntry] {
        try streams.failIfAsked(.readOwnPending)
        return try streams.readOwnPending(reader, after: id, count: count)
    }

    /// Waits up to `block` (a zero `block` does not wait, unlike Redis' `BLOCK 0`).
    func readNew(count: Int, block: Duration) async throws -> [ConsumedEntry] {
        try streams.failIfAsked(.readNew)
        let deadline = ContinuousClock.now + block
        while true {
            let epoch = streams.changes.epoch
            let entries = try streams.deliverNew(reader, count: count)
            if !entries.isEmpty || streams.isClosed(handle: handle) || Task.isCancelled { return entries }
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else { return [] }
            await streams.changes.wait(since: epoch, timeout: remaining)
        }
    }

    func redeliver(_ id: String) async throws -> ConsumedEntry? {
        try streams.failIfAsked(.redeliver)
        return try streams.redeliver(reader, id: id)
    }

    func keepClaimed(_ ids: [String]) async throws {
        try streams.failIfAsked(.keepClaimed)
        try streams.claimFresh(reader, ids: ids)
    }

    func claimAbandoned(minIdle: Duration, cursor: String, count: Int) async throws -> AbandonedEntries {
        try streams.failIfAsked(.claimAbandoned)
        return try streams.autoClaim(reader, minIdle: minIdle, cursor: cursor, count: count)
    }

    func ack(_ ids: [String]) async throws {
        try streams.failIfAsked(.ack)
        try streams.acknowledge(reader, ids: ids)
    }

    func deadLetter(_ fields: [StreamField], acknowledging id: String) async throws {
        try streams.failIfAsked(.deadLetter)
        try streams.deadLetter(reader, fields: fields, to: deadLetterTopic, acknowledging: id)
    }

    func pendingSummary() async throws -> PendingSummary {
        try streams.failIfAsked(.pendingSummary)
        return try streams.pendingSummary(reader)
    }

    func close() async {
        streams.close(handle: handle, consumer: reader.consumer)
    }
}
