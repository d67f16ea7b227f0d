import Foundation
import Message
import Testing

/// The double behaves as Redis Streams consumer groups do, so that what passes against it means
/// something.
@Suite struct InMemoryRedisStreamsTests {
    let streams = InMemoryRedisStreams()
    let topic = "events.Double"

    func view(_ consumer: String, group: String = "group") -> any ConsumerGroupStream {
        streams.open(topic: topic, group: group, consumer: consumer, deadLetterTopic: "poison.test")
    }

    func fields(_ text: String) -> [StreamField] {
        [StreamField(name: "payload", value: Data(text.utf8))]
    }

    @Test func readingWithoutAGroupIsNoGroup() async throws {
        await #expect(throws: InMemoryStreamError.noGroup(topic: topic, group: "group")) {
            try await view("a").readNew(count: 1, block: .milliseconds(1))
        }
    }

    @Test func newGroupReadsFromTheStartAndCreatingItAgainKeepsItsPlace() async throws {
        let first = streams.add(fields("1"), to: topic)
        let reader = view("a")
        try await reader.createGroup()
        #expect(try await reader.readNew(count: 10, block: .milliseconds(1)) == [ConsumedEntry(id: first, fields: fields("1"), deliveryCount: 1)])
        try await reader.createGroup()
        #expect(try await reader.readNew(count: 10, block: .milliseconds(1)).isEmpty)
        #expect(streams.pending(of: topic, group: "group").map(\.consumer) == ["a"])
    }

    @Test func idsIncrease() {
        let ids = (0..<50).map { streams.add(fields("\($0)"), to: topic) }.compactMap(StreamEntryID.init)
        #expect(ids.count == 50)
        #expect(ids == ids.sorted() && Set(ids).count == 50)
    }

    @Test func historyReadCountsADeliveryAndShowsDeletedEntriesWithoutFields() async throws {
        let reader = view("a")
        try await reader.createGroup()
        let kept = streams.add(fields("kept"), to: topic)
        let deleted = streams.add(fields("deleted"), to: topic)
        let later = streams.add(fields("later"), to: topic)
        _ = try await reader.readNew(count: 10, block: .milliseconds(1))
        streams.delete(deleted, from: topic)

        #expect(
            try await reader.readOwnPending(after: "0", count: 2) == [
                ConsumedEntry(id: kept, fields: fields("kept"), deliveryCount: 2),
                ConsumedEntry(id: deleted, fields: nil, deliveryCount: 1),
            ])
        #expect(try await reader.readOwnPending(after: deleted, count: 10).map(\.id) == [later])
        #expect(try await view("b").readOwnPending(after: "0", count: 10).isEmpty)
    }

    @Test func redeliverCountsOnlyForTheOwner() async throws {
        let owner = view("a")
        try await owner.createGroup()
        let id = streams.add(fields("x"), to: topic)
        _ = try await owner.readNew(count: 1, block: .milliseconds(1))
        #expect(try await view("b").redeliver(id) == nil)
        #expect(try await owner.redeliver(id)?.deliveryCount == 2)
        try await owner.ack([id])
        #expect(try await owner.redeliver(id) == nil)
    }

    @Test func autoClaimTakesIdleEntriesDropsDeletedOnesAndPages() async throws {
        let crashed = view("crashed")
        try await crashed.createGroup()
        let ids = (0..<5).map { streams.add(fields("\($0)"), to: topic) }
        _ = try await crashed.readNew(count: 10, block: .milliseconds(1))
        streams.delete(ids[1], from: topic)
        let survivor = view("survivor")

        #expect(try await survivor.claimAbandoned(minIdle: .seconds(30), cursor: "0-0", count: 10).entries.isEmpty)
        streams.advanceClock(by: .seconds(31))
        let page = try await survivor.claimAbandoned(minIdle: .seconds(30), cursor: "0-0", count: 2)
        #expect(page.entries.map(\.id) == [ids[0]])
        #expect(page.entries.map(\.deliveryCount) == [2])
        #expect(page.deletedIDs == [ids[1]])
        #expect(page.nextCursor == ids[2])
        let rest = try await survivor.claimAbandoned(minIdle: .seconds(30), cursor: page.nextCursor, count: 10)
        #expect(rest.entries.map(\.id) == [ids[2], ids[3], ids[4]])
        #expect(rest.nextCursor == "0-0")
        #expect(streams.pending(of: topic, group: "group").map(\.consumer) == Array(repeating: "survivor", count: 4))
    }

    @Test func keepClaimedMakesEntriesFreshWithoutCountingADelivery() async throws {
        let reader = view("a")
        try await reader.createGroup()
        let id = streams.add(fields("x"), to: topic)
        _ = try await reader.readNew(count: 1, block: .milliseconds(1))
        streams.advanceClock(by: .seconds(60))
        try await reader.keepClaimed([id])
        let pending = try #require(streams.pending(of: topic, group: "group").first)
        #expect(pending.deliveryCount == 1)
        #expect(pending.idle < .seconds(60))
        #expect(try await view("b").claimAbandoned(minIdle: .seconds(30), cursor: "0-0", count: 10).entries.isEmpty)
    }

    @Test func deadLetterAddsToTheDeadLetterStreamAndAcknowledges() async throws {
        let reader = view("a")
        try await reader.createGroup()
        let id = streams.add(fields("x"), to: topic)
        _ = try await reader.readNew(count: 1, block: .milliseconds(1))
        #expect(try await reader.pendingSummary().count == 1)
        try await reader.deadLetter(fields("poisoned"), acknowledging: id)
        #expect(streams.entries(of: "poison.test").map(\.fields) == [fields("poisoned")])
        #expect(try await reader.pendingSummary() == PendingSummary(count: 0, oldestIdle: nil))
    }

    @Test func blockedReadReturnsWhenAnEntryArrives() async throws {
        let reader = view("a")
        try await reader.createGroup()
        async let read = reader.readNew(count: 10, block: .seconds(600))
        try await Task.sleep(for: .milliseconds(20))
        let id = streams.add(fields("x"), to: topic)
        #expect(try await read.map(\.id) == [id])
    }

    @Test func blockedReadReturnsEmptyWhenClosedOrCancelledOrTimedOut() async throws {
        let reader = view("a")
        try await reader.createGroup()
        async let closedRead = reader.readNew(count: 10, block: .seconds(600))
        try await Task.sleep(for: .milliseconds(20))
        await reader.close()
        #expect(try await closedRead.isEmpty)

        let other = view("b")
        let cancelled = Task { try await other.readNew(count: 10, block: .seconds(600)) }
        try await Task.sleep(for: .milliseconds(20))
        cancelled.cancel()
        #expect(try await cancelled.value.isEmpty)

        #expect(try await other.readNew(count: 10, block: .milliseconds(20)).isEmpty)
    }

    @Test func injectedFailuresHitTheNextCallsOnly() async throws {
        let reader = view("a")
        streams.failNext(.createGroup, times: 2)
        await #expect(throws: InMemoryStreamError.injected(.createGroup)) { try await reader.createGroup() }
        await #expect(throws: InMemoryStreamError.injected(.createGroup)) { try await reader.createGroup() }
        try await reader.createGroup()
    }
}
