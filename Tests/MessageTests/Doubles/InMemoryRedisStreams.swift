import Foundation
import Message
import Synchronization

/// Redis Streams with consumer groups, in memory, for unit tests of what reads them: entries with
/// `XADD`-style ids; per group the last delivered id and a pending entries list (owner, delivery
/// count, delivery time); `XREADGROUP` (new and history), `XCLAIM`, `XAUTOCLAIM`, `XACK`, `XDEL`
/// behave as Redis 7 documents them (see the group commands). Idle times use the real continuous
/// clock shifted by `advanceClock(by:)`, so a test can age entries without waiting.
///
/// `open` hands out one consumer's view (`InMemoryConsumerGroupStream`); the other methods are
/// what a test does or inspects around it.
final class InMemoryRedisStreams: ConsumerGroupStreams {
    struct Entry {
        var id: StreamEntryID
        var fields: [StreamField]
    }

    struct PendingEntry {
        var consumer: String
        var deliveryCount: Int
        var deliveredAt: ContinuousClock.Instant
    }

    struct Group {
        var lastDeliveredID = StreamEntryID.zero
        var pending: [StreamEntryID: PendingEntry] = [:]
    }

    struct Stream {
        var entries: [Entry] = []
        var lastID = StreamEntryID.zero
        var groups: [String: Group] = [:]

        func fields(of id: StreamEntryID) -> [StreamField]? {
            entries.first { $0.id == id }?.fields
        }
    }

    struct State {
        var streams: [String: Stream] = [:]
        var clockOffset = Duration.zero
        var faults: [StreamOperation: Int] = [:]
        var closedHandles: Set<UInt64> = []
        var closedConsumers: [String] = []
        var lastToken: UInt64 = 0

        var now: ContinuousClock.Instant { ContinuousClock.now + clockOffset }

        mutating func nextToken() -> UInt64 {
            lastToken += 1
            return lastToken
        }

        /// `XADD <topic> * <fields>`, creating the stream when missing.
        mutating func append(_ fields: [StreamField], to topic: String) -> StreamEntryID {
            var stream = streams[topic] ?? Stream()
            let id = StreamEntryID.next(after: stream.lastID)
            stream.entries.append(Entry(id: id, fields: fields))
            stream.lastID = id
            streams[topic] = stream
            return id
        }
    }

    let state = Mutex(State())
    /// Signalled on every `XADD` and close, for blocked reads.
    let changes = ChangeSignal()

    func open(topic: String, group: String, consumer: String, deadLetterTopic: String) -> any ConsumerGroupStream {
        let handle = state.withLock { $0.nextToken() }
        return InMemoryConsumerGroupStream(
            streams: self, reader: GroupReader(topic: topic, group: group, consumer: consumer), deadLetterTopic: deadLetterTopic, handle: handle
        )
    }

    // MARK: What tests do

    /// `XADD`: appends an entry and wakes the reads waiting for one.
    @discardableResult
    func add(_ fields: [StreamField], to topic: String) -> String {
        let id = state.withLock { $0.append(fields, to: topic) }
        changes.signal()
        return id.description
    }

    /// Appends `envelope` as Watermill writes it.
    @discardableResult
    func add(_ envelope: Envelope, to topic: String) -> String {
        add(WatermillStreamMarshaler.fields(of: envelope), to: topic)
    }

    /// `XDEL`: the entry leaves the stream; pending lists still name it.
    func delete(_ id: String, from topic: String) {
        state.withLock { state in
            state.streams[topic]?.entries.removeAll { $0.id.description == id }
        }
    }

    /// `XRANGE <topic> - +`.
    func entries(of topic: String) -> [StoredEntry] {
        state.withLock { state in
            (state.streams[topic]?.entries ?? []).map { StoredEntry(id: $0.id.description, fields: $0.fields) }
        }
    }

    /// `XPENDING <topic> <group> - + <all>`, in id order.
    func pending(of topic: String, group: String) -> [PendingEntryInfo] {
        state.withLock { state in
            let now = state.now
            let pending = state.streams[topic]?.groups[group]?.pending ?? [:]
            return pending.keys.sorted().map { id in
                let entry = pending[id]!
                return PendingEntryInfo(id: id.description, consumer: entry.consumer, deliveryCount: entry.deliveryCount, idle: now - entry.deliveredAt)
            }
        }
    }

    func groupExists(_ group: String, on topic: String) -> Bool {
        state.withLock { $0.streams[topic]?.groups[group] != nil }
    }

    /// Moves the clock of idle times forward: every pending entry looks `duration` older.
    func advanceClock(by duration: Duration) {
        state.withLock { $0.clockOffset += duration }
    }

    /// Makes the next `times` calls of `operation` (by any consumer) fail with
    /// `InMemoryStreamError.injected`.
    func failNext(_ operation: StreamOperation, times: Int = 1) {
        state.withLock { $0.faults[operation, default: 0] += times }
    }

    /// The consumers whose stream view was closed, in order.
    var closedConsumers: [String] {
        state.withLock { $0.closedConsumers }
    }

    /// Ends the reads blocked on `handle` for good, as closing its connection would.
    func close(handle: UInt64, consumer: String) {
        state.withLock { state in
            state.closedHandles.insert(handle)
            state.closedConsumers.append(consumer)
        }
        changes.signal()
    }

    func isClosed(handle: UInt64) -> Bool {
        state.withLock { $0.closedHandles.contains(handle) }
    }

    func failIfAsked(_ operation: StreamOperation) throws(InMemoryStreamError) {
        let fail = state.withLock { state in
            guard let remaining = state.faults[operation], remaining > 0 else { return false }
            state.faults[operation] = remaining - 1
            return true
        }
        if fail { throw .injected(operation) }
    }
}

/// A stream entry as `XRANGE` returns it.
struct StoredEntry: Sendable, Equatable {
    var id: String
    var fields: [StreamField]

    /// The Watermill message in the entry.
    func envelope() throws -> Envelope {
        try WatermillStreamMarshaler.envelope(from: fields)
    }
}

/// One entry of a group's pending list as `XPENDING` shows it.
struct PendingEntryInfo: Sendable, Equatable {
    var id: String
    var consumer: String
    var deliveryCount: Int
    var idle: Duration
}

/// The operations of `ConsumerGroupStream`, to make them fail on purpose.
enum StreamOperation: Sendable, Hashable {
    case createGroup, readOwnPending, readNew, redeliver, keepClaimed, claimAbandoned, ack, deadLetter, pendingSummary
}

/// Why the in-memory streams refused an operation, as Redis would.
enum InMemoryStreamError: Error, Equatable, CustomStringConvertible {
    /// Redis' `NOGROUP`: the group or its stream does not exist.
    case noGroup(topic: String, group: String)
    /// An entry id that is not `<ms>-<seq>`.
    case invalidID(String)
    /// A failure a test asked for with `failNext`.
    case injected(StreamOperation)

    var description: String {
        switch self {
        case let .noGroup(topic, group): "NOGROUP no consumer group \(group) on stream \(topic)"
        case .invalidID(let id): "ERR invalid stream id \(id)"
        case .injected(let operation): "injected failure of \(operation)"
        }
    }
}
