import Adapters
import Foundation
import Message
import Testing

/// The Redis implementation of the `ConsumerGroupStream` port, call by call.
@Suite struct RedisConsumerGroupStreamTests {
    static let group = "group"

    private func open(_ fixture: BusFixture, as consumer: String) -> any ConsumerGroupStream {
        fixture.streams.open(
            topic: fixture.topic, group: Self.group, consumer: consumer, deadLetterTopic: fixture.deadLetterTopic)
    }

    /// Reads every new entry for `stream`, however many reads it takes.
    private func readAll(_ stream: any ConsumerGroupStream, expecting count: Int) async throws -> [ConsumedEntry] {
        var entries: [ConsumedEntry] = []
        while entries.count < count {
            entries += try await stream.readNew(count: count, block: .milliseconds(100))
        }
        return entries
    }

    @Test func theGroupStartsAtTheBeginningAndCreatingItAgainIsNoError() async throws {
        try await BusFixture.with { fixture in
            let envelopes = BusFixture.envelopes(2)
            let ids = try await fixture.publish(envelopes)
            let alice = open(fixture, as: "alice")
            try await alice.createGroup()
            try await alice.createGroup()

            let entries = try await readAll(alice, expecting: 2)
            #expect(entries.map(\.id) == ids)
            #expect(entries.map(\.deliveryCount) == [1, 1])
            #expect(try entries.map { try WatermillStreamMarshaler.envelope(from: #require($0.fields)) } == envelopes)
            #expect(try await alice.readNew(count: 10, block: .milliseconds(10)).isEmpty, "nothing new")
            await alice.close()
        }
    }

    @Test func ownPendingEntriesComeWithTheirDeliveryCountAndDeletedOnesWithoutFields() async throws {
        try await BusFixture.with { fixture in
            let ids = try await fixture.publish(BusFixture.envelopes(3))
            let alice = open(fixture, as: "alice")
            try await alice.createGroup()
            _ = try await readAll(alice, expecting: 3)
            try await fixture.client.xdel(fixture.topic, ids: [ids[1]])

            let pending = try await alice.readOwnPending(after: "0", count: 10)
            #expect(pending.map(\.id) == ids)
            #expect(pending.map(\.deliveryCount) == [2, 1, 2], "reading history counts a delivery, except of a deleted entry")
            #expect(pending.map { $0.fields == nil } == [false, true, false])
            #expect(try await alice.readOwnPending(after: ids[0], count: 1).map(\.id) == [ids[1]])
            #expect(try await alice.readOwnPending(after: ids[2], count: 10).isEmpty)
            #expect(try await open(fixture, as: "bob").readOwnPending(after: "0", count: 10).isEmpty, "only its own")
            await alice.close()
        }
    }

    @Test func redeliveringCountsADeliveryOnlyWhileTheConsumerHoldsTheEntry() async throws {
        try await BusFixture.with { fixture in
            let ids = try await fixture.publish(BusFixture.envelopes(3))
            let alice = open(fixture, as: "alice")
            let bob = open(fixture, as: "bob")
            try await alice.createGroup()
            let read = try await readAll(alice, expecting: 3)

            let again = try #require(try await alice.redeliver(ids[0]))
            #expect(again.deliveryCount == 2)
            #expect(again.fields == read[0].fields)
            #expect(try await alice.redeliver(ids[0])?.deliveryCount == 3)

            #expect(try await bob.redeliver(ids[0]) == nil, "bob does not hold it")
            let holder = try await fixture.client.xpending(fixture.topic, group: Self.group, start: ids[0], end: ids[0], count: 1)
            #expect(holder.map(\.consumer) == ["alice"], "and does not take it")

            try await alice.ack([ids[1]])
            #expect(try await alice.redeliver(ids[1]) == nil, "acknowledged")

            try await fixture.client.xdel(fixture.topic, ids: [ids[2]])
            let deleted = try #require(try await alice.redeliver(ids[2]))
            #expect(deleted.fields == nil)
            #expect(try await alice.redeliver(ids[2]) == nil, "Redis dropped the deleted entry from the pending list")
            await alice.close()
            await bob.close()
        }
    }

    @Test func keepingEntriesClaimedResetsTheirIdleTimeWithoutCountingADelivery() async throws {
        try await BusFixture.with { fixture in
            let ids = try await fixture.publish(BusFixture.envelopes(2))
            let alice = open(fixture, as: "alice")
            try await alice.createGroup()
            _ = try await readAll(alice, expecting: 2)
            try await Task.sleep(for: .milliseconds(600))

            try await alice.keepClaimed([ids[0]])
            let idle = try await fixture.client.xpending(fixture.topic, group: Self.group, count: 10, minIdle: .milliseconds(500))
            #expect(idle.map(\.id) == [ids[1]], "only the entry not kept is still idle")
            let all = try await fixture.client.xpending(fixture.topic, group: Self.group, count: 10)
            #expect(all.map(\.deliveryCount) == [1, 1])
            await alice.close()
        }
    }

    @Test func abandonedEntriesAreTakenOverWithTheirDeliveryCountAndDeletedOnesReported() async throws {
        try await BusFixture.with { fixture in
            let ids = try await fixture.publish(BusFixture.envelopes(3))
            let alice = open(fixture, as: "alice")
            let bob = open(fixture, as: "bob")
            try await alice.createGroup()
            _ = try await readAll(alice, expecting: 3)
            try await fixture.client.xdel(fixture.topic, ids: [ids[1]])

            let notYet = try await bob.claimAbandoned(minIdle: .seconds(60), cursor: "0-0", count: 10)
            #expect(notYet.entries.isEmpty)

            let claimed = try await bob.claimAbandoned(minIdle: .zero, cursor: "0-0", count: 10)
            #expect(claimed.entries.map(\.id) == [ids[0], ids[2]])
            #expect(claimed.entries.map(\.deliveryCount) == [2, 2])
            #expect(claimed.entries.allSatisfy { $0.fields != nil })
            #expect(notYet.deletedIDs + claimed.deletedIDs == [ids[1]], "Redis drops deleted entries whatever their idle time")
            #expect(claimed.nextCursor == "0-0")
            let holders = try await fixture.client.xpending(fixture.topic, group: Self.group, count: 10)
            #expect(holders.map(\.consumer) == ["bob", "bob"])

            let firstPage = try await alice.claimAbandoned(minIdle: .zero, cursor: "0-0", count: 1)
            #expect(firstPage.entries.map(\.id) == [ids[0]])
            #expect(firstPage.nextCursor != "0-0", "a cursor to go on from")
            await alice.close()
            await bob.close()
        }
    }

    @Test func acknowledgedEntriesLeaveThePendingList() async throws {
        try await BusFixture.with { fixture in
            let ids = try await fixture.publish(BusFixture.envelopes(3))
            let alice = open(fixture, as: "alice")
            try await alice.createGroup()
            _ = try await readAll(alice, expecting: 3)
            try await alice.ack([ids[0], ids[2]])
            #expect(try await fixture.client.xpending(fixture.topic, group: Self.group, count: 10).map(\.id) == [ids[1]])
            await alice.close()
        }
    }

    @Test func aDeadLetterIsAddedAndItsEntryAcknowledgedTogether() async throws {
        try await BusFixture.with { fixture in
            let ids = try await fixture.publish(BusFixture.envelopes(2))
            let alice = open(fixture, as: "alice")
            try await alice.createGroup()
            _ = try await readAll(alice, expecting: 2)
            let poisoned = Envelope(metadata: [MetadataKey.reasonPoisoned: "broken"], payload: Data([0, 1, 255]))

            try await alice.deadLetter(WatermillStreamMarshaler.fields(of: poisoned), acknowledging: ids[0])
            #expect(try await fixture.deadLetters() == [poisoned])
            #expect(try await fixture.client.xpending(fixture.topic, group: Self.group, count: 10).map(\.id) == [ids[1]])
            await alice.close()
        }
    }

    @Test func aDeadLetterThatCannotBeWrittenLeavesTheEntryPending() async throws {
        try await BusFixture.with { fixture in
            let ids = try await fixture.publish(BusFixture.envelopes(1))
            let alice = open(fixture, as: "alice")
            try await alice.createGroup()
            _ = try await readAll(alice, expecting: 1)
            try await fixture.client.send(["SET", fixture.deadLetterTopic, "not a stream"])

            let error = try await #require(throws: RedisError.self) {
                try await alice.deadLetter(WatermillStreamMarshaler.fields(of: Envelope(payload: Data())), acknowledging: ids[0])
            }
            #expect(error.serverErrorCode == "WRONGTYPE")
            #expect(error.command == "EVAL")
            #expect(try await fixture.pendingCount(group: Self.group) == 1, "not acknowledged without its dead letter")
            await alice.close()
        }
    }

    @Test func thePendingSummaryCountsEntriesAndTellsTheOldestIdleTime() async throws {
        try await BusFixture.with { fixture in
            let alice = open(fixture, as: "alice")
            try await alice.createGroup()
            #expect(try await alice.pendingSummary() == PendingSummary(count: 0, oldestIdle: nil))

            try await fixture.publish(BusFixture.envelopes(2))
            _ = try await readAll(alice, expecting: 2)
            try await Task.sleep(for: .milliseconds(50))
            let summary = try await alice.pendingSummary()
            #expect(summary.count == 2)
            #expect(try #require(summary.oldestIdle) >= .milliseconds(50))
            await alice.close()
        }
    }

    @Test(arguments: [
        ["DEL", "<topic>"],
        ["XGROUP", "DESTROY", "<topic>", RedisConsumerGroupStreamTests.group],
    ])
    func aLostGroupIsRecreatedAndReadingGoesOn(loss: [String]) async throws {
        try await BusFixture.with { fixture in
            let alice = open(fixture, as: "alice")
            try await alice.createGroup()
            try await fixture.publish(BusFixture.envelopes(1))
            _ = try await readAll(alice, expecting: 1)
            let lose = { () async throws in
                _ = try await fixture.client.send(RedisCommand(loss.map { $0 == "<topic>" ? fixture.topic : $0 }))
            }

            try await lose()
            #expect(try await alice.readNew(count: 10, block: .milliseconds(10)).isEmpty)
            try await lose()
            #expect(try await alice.readOwnPending(after: "0", count: 10).isEmpty)
            try await lose()
            #expect(try await alice.claimAbandoned(minIdle: .zero, cursor: "0-0", count: 10).entries.isEmpty)
            try await lose()
            #expect(try await alice.redeliver("1-0") == nil)
            try await lose()
            try await alice.keepClaimed(["1-0"])
            try await lose()
            #expect(try await alice.pendingSummary().count == 0)

            let groups = try await fixture.client.xinfoGroups(fixture.topic)
            #expect(groups.map(\.name) == [Self.group], "recreated each time")
            let later = try await fixture.publish(BusFixture.envelopes(1, prefix: "later"))
            let everything = try await fixture.client.xlen(fixture.topic)
            #expect(try await readAll(alice, expecting: everything).map(\.id).contains(later[0]), "a group recreated from the start")
            await alice.close()
        }
    }

    @Test func aReadBlockedWhenTheStreamIsDeletedRecreatesTheGroup() async throws {
        try await BusFixture.with { fixture in
            let alice = open(fixture, as: "alice")
            try await alice.createGroup()
            async let read = alice.readNew(count: 10, block: .seconds(5))
            try await Task.sleep(for: .milliseconds(200))
            try await fixture.client.del([fixture.topic])
            #expect(try await read.isEmpty)
            #expect(try await fixture.client.xinfoGroups(fixture.topic).map(\.name) == [Self.group])
            await alice.close()
        }
    }

    @Test func closingEndsABlockedReadAndLaterReadsFail() async throws {
        try await BusFixture.with { fixture in
            let alice = open(fixture, as: "alice")
            try await alice.createGroup()
            let read = Task { try await alice.readNew(count: 10, block: .seconds(30)) }
            try await Task.sleep(for: .milliseconds(100))
            await alice.close()

            let blocked = await read.result
            #expect(throws: RedisError.self) { try blocked.get() }
            let error = try await #require(throws: RedisError.self) {
                try await alice.readNew(count: 10, block: .milliseconds(10))
            }
            #expect(error.kind == .closed)
        }
    }

    @Test func anUnreachableServerIsAConnectionError() async throws {
        let reservation = try LoopbackSocket(listening: false)
        reservation.close()
        let nowhere = RedisAddress(host: "127.0.0.1", port: reservation.port)
        try await BusFixture.with(address: nowhere) { fixture in
            let alice = open(fixture, as: "alice")
            let error = try await #require(throws: RedisError.self) { try await alice.createGroup() }
            #expect(error.kind == .connectionRefused)
            let readError = try await #require(throws: RedisError.self) {
                try await alice.readNew(count: 1, block: .milliseconds(10))
            }
            #expect(readError.kind == .connectionRefused)
            await alice.close()
        }
    }
}
