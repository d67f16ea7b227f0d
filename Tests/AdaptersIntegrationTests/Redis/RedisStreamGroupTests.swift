import Adapters
import Foundation
import TestSupport
import Testing

@Suite struct RedisStreamGroupTests {
    /// A stream and a group of its own for each test.
    struct Fixture {
        let stream = TestEnvironment.uniqueName("stream")
        let group = TestEnvironment.uniqueName("group")

        func add(_ client: RedisClient, _ payloads: String...) async throws -> [String] {
            var ids: [String] = []
            for payload in payloads {
                ids.append(try await client.xadd(stream, fields: [("payload", Data(payload.utf8))]))
            }
            return ids
        }

        func read(
            _ client: RedisClient, as consumer: String, from id: String = ">", count: Int? = nil
        ) async throws -> [RedisStreamEntry] {
            let batches = try await client.xreadgroup(
                group: group, consumer: consumer, streams: [(stream, id)], count: count)
            #expect(batches.allSatisfy { $0.stream == stream })
            return batches.flatMap(\.entries)
        }
    }

    @Test func aGroupCreatedFromZeroSeesEarlierEntriesAndCreatingItAgainIsNoError() async throws {
        try await RedisTesting.withClient { client in
            let fixture = Fixture()
            let ids = try await fixture.add(client, "first", "second")
            #expect(try await client.xgroupCreate(fixture.stream, group: fixture.group) == true)
            #expect(try await client.xgroupCreate(fixture.stream, group: fixture.group) == false, "BUSYGROUP")

            let entries = try await fixture.read(client, as: "alice")
            #expect(entries.map(\.id) == ids)
            #expect(entries.map { $0.value(of: "payload") } == [Data("first".utf8), Data("second".utf8)])
            try await client.del([fixture.stream])
        }
    }

    @Test func makeStreamCreatesTheStreamAndWithoutItAMissingStreamIsAnError() async throws {
        try await RedisTesting.withClient { client in
            let fixture = Fixture()
            let error = try await #require(throws: RedisError.self) {
                try await client.xgroupCreate(fixture.stream, group: fixture.group, makeStream: false)
            }
            #expect(error.serverErrorCode == "ERR")
            #expect(error.command == "XGROUP")
            try await client.xgroupCreate(fixture.stream, group: fixture.group, from: "$")
            #expect(try await client.xlen(fixture.stream) == 0)
            try await client.del([fixture.stream])
        }
    }

    @Test func readingAGroupThatDoesNotExistIsANoGroupError() async throws {
        try await RedisTesting.withClient { client in
            let fixture = Fixture()
            _ = try await fixture.add(client, "orphan")
            let error = try await #require(throws: RedisError.self) { try await fixture.read(client, as: "alice") }
            #expect(error.serverErrorCode == "NOGROUP")
            try await client.del([fixture.stream])
        }
    }

    @Test func twoConsumersOfOneGroupSplitTheEntries() async throws {
        try await RedisTesting.withClient { client in
            let fixture = Fixture()
            try await client.xgroupCreate(fixture.stream, group: fixture.group)
            let ids = try await fixture.add(client, "1", "2", "3", "4")

            let alice = try await fixture.read(client, as: "alice", count: 2)
            let bob = try await fixture.read(client, as: "bob")
            #expect(alice.map(\.id) == Array(ids[0..<2]))
            #expect(bob.map(\.id) == Array(ids[2..<4]))
            #expect(try await fixture.read(client, as: "alice").isEmpty, "nothing new")

            let summary = try await client.xpendingSummary(fixture.stream, group: fixture.group)
            #expect(summary.count == 4)
            #expect(summary.smallestID == ids[0])
            #expect(summary.largestID == ids[3])
            #expect(summary.consumers == [.init(name: "alice", pending: 2), .init(name: "bob", pending: 2)])
            try await client.del([fixture.stream])
        }
    }

    @Test func aConsumerRereadsItsOwnPendingEntriesFromZeroUntilItAcknowledgesThem() async throws {
        try await RedisTesting.withClient { client in
            let fixture = Fixture()
            try await client.xgroupCreate(fixture.stream, group: fixture.group)
            let ids = try await fixture.add(client, "a", "b", "c")
            _ = try await fixture.read(client, as: "alice", count: 2)
            _ = try await fixture.read(client, as: "bob")

            let pending = try await fixture.read(client, as: "alice", from: "0")
            #expect(pending.map(\.id) == Array(ids[0..<2]))
            #expect(pending.first?.value(of: "payload") == Data("a".utf8))

            #expect(try await client.xack(fixture.stream, group: fixture.group, ids: [ids[0]]) == 1)
            #expect(
                try await client.xack(fixture.stream, group: fixture.group, ids: [ids[0]]) == 0, "already acknowledged")
            #expect(try await client.xack(fixture.stream, group: fixture.group, ids: []) == 0)
            #expect(try await fixture.read(client, as: "alice", from: "0").map(\.id) == [ids[1]])
            #expect(try await client.xpendingSummary(fixture.stream, group: fixture.group).count == 2)
            try await client.del([fixture.stream])
        }
    }

    @Test func aPendingEntryDeletedFromTheStreamComesBackWithoutFields() async throws {
        try await RedisTesting.withClient { client in
            let fixture = Fixture()
            try await client.xgroupCreate(fixture.stream, group: fixture.group)
            let ids = try await fixture.add(client, "kept", "deleted")
            _ = try await fixture.read(client, as: "alice")
            #expect(try await client.xdel(fixture.stream, ids: [ids[1]]) == 1)

            let pending = try await fixture.read(client, as: "alice", from: "0")
            #expect(pending.map(\.id) == ids)
            #expect(pending.map(\.isDeleted) == [false, true])
            #expect(pending[1] == RedisStreamEntry(id: ids[1], fields: nil))
            try await client.xack(fixture.stream, group: fixture.group, ids: [ids[1]])
            #expect(try await fixture.read(client, as: "alice", from: "0").map(\.id) == [ids[0]])
            try await client.del([fixture.stream])
        }
    }

    @Test func pendingEntriesShowTheirConsumerAndDeliveryCountsGrowWhenReclaimed() async throws {
        try await RedisTesting.withClient { client in
            let fixture = Fixture()
            try await client.xgroupCreate(fixture.stream, group: fixture.group)
            let ids = try await fixture.add(client, "x", "y")
            _ = try await fixture.read(client, as: "alice")

            let before = try await client.xpending(fixture.stream, group: fixture.group, count: 10)
            #expect(before.map(\.id) == ids)
            #expect(before.map(\.consumer) == ["alice", "alice"])
            #expect(before.map(\.deliveryCount) == [1, 1])

            let claimed = try await client.xclaim(
                fixture.stream, group: fixture.group, consumer: "bob", minIdle: .zero, ids: [ids[0]])
            #expect(claimed.map(\.id) == [ids[0]])
            #expect(claimed.first?.value(of: "payload") == Data("x".utf8))
            let afterClaim = try await client.xpending(fixture.stream, group: fixture.group, count: 10, consumer: "bob")
            #expect(afterClaim.map(\.id) == [ids[0]])
            #expect(afterClaim.first?.deliveryCount == 2)

            // JUSTID moves the entry without counting a delivery.
            let justIDs = try await client.xclaimJustID(
                fixture.stream, group: fixture.group, consumer: "carol", minIdle: .zero, ids: [ids[0]])
            #expect(justIDs == [ids[0]])
            let afterJustID = try await client.xpending(
                fixture.stream, group: fixture.group, count: 10, consumer: "carol")
            #expect(afterJustID.first?.deliveryCount == 2)
            #expect(
                try await client.xclaim(fixture.stream, group: fixture.group, consumer: "bob", minIdle: .zero, ids: [])
                    .isEmpty)
            try await client.del([fixture.stream])
        }
    }

    @Test func claimingWithAnIdleTimeResetsItSoThatOnlyIdleEntriesAreClaimedLater() async throws {
        try await RedisTesting.withClient { client in
            let fixture = Fixture()
            try await client.xgroupCreate(fixture.stream, group: fixture.group)
            let ids = try await fixture.add(client, "busy", "stuck")
            _ = try await fixture.read(client, as: "alice")
            // Make both look idle for an hour, then keep the first one alive as still in progress.
            try await client.xclaimJustID(
                fixture.stream, group: fixture.group, consumer: "alice", minIdle: .zero, ids: ids, idle: .seconds(3600))
            try await client.xclaimJustID(
                fixture.stream, group: fixture.group, consumer: "alice", minIdle: .zero, ids: [ids[0]], idle: .zero)

            let idle = try await client.xpending(
                fixture.stream, group: fixture.group, count: 10, minIdle: .seconds(1800))
            #expect(idle.map(\.id) == [ids[1]])
            #expect(idle.first.map { $0.idle >= .seconds(3600) } == true)
            let result = try await client.xautoclaim(
                fixture.stream, group: fixture.group, consumer: "bob", minIdle: .seconds(1800))
            #expect(result.entries.map(\.id) == [ids[1]])
            #expect(result.nextCursor == "0-0")
            #expect(result.deletedIDs.isEmpty)
            try await client.del([fixture.stream])
        }
    }

    @Test func autoclaimClaimsIdleEntriesAndReportsDeletedOnes() async throws {
        try await RedisTesting.withClient { client in
            let fixture = Fixture()
            try await client.xgroupCreate(fixture.stream, group: fixture.group)
            let ids = try await fixture.add(client, "one", "two", "three")
            _ = try await fixture.read(client, as: "crashed")
            try await client.xdel(fixture.stream, ids: [ids[1]])

            let first = try await client.xautoclaim(
                fixture.stream, group: fixture.group, consumer: "rescuer", minIdle: .zero, count: 2)
            let second = try await client.xautoclaim(
                fixture.stream, group: fixture.group, consumer: "rescuer", minIdle: .zero, start: first.nextCursor,
                count: 2)

            #expect((first.entries + second.entries).map(\.id) == [ids[0], ids[2]])
            #expect((first.entries + second.entries).allSatisfy { !$0.isDeleted })
            #expect(first.deletedIDs + second.deletedIDs == [ids[1]])
            #expect(second.nextCursor == "0-0")
            let summary = try await client.xpendingSummary(fixture.stream, group: fixture.group)
            #expect(summary.count == 2, "the deleted entry left the pending list")
            #expect(summary.consumers == [.init(name: "rescuer", pending: 2)])
            try await client.del([fixture.stream])
        }
    }

    @Test func groupInfoReportsPendingAndLag() async throws {
        try await RedisTesting.withClient { client in
            let fixture = Fixture()
            try await client.xgroupCreate(fixture.stream, group: fixture.group)
            let ids = try await fixture.add(client, "1", "2", "3")
            _ = try await fixture.read(client, as: "alice", count: 1)

            let groups = try await client.xinfoGroups(fixture.stream)
            #expect(
                groups == [
                    RedisStreamGroupInfo(
                        name: fixture.group, consumers: 1, pending: 1, lastDeliveredID: ids[0], entriesRead: 1, lag: 2)
                ])
            try await client.del([fixture.stream])
        }
    }

    @Test func anEmptySummaryHasNoIDsAndNoConsumers() async throws {
        try await RedisTesting.withClient { client in
            let fixture = Fixture()
            try await client.xgroupCreate(fixture.stream, group: fixture.group)
            #expect(
                try await client.xpendingSummary(fixture.stream, group: fixture.group)
                    == RedisPendingSummary(count: 0, smallestID: nil, largestID: nil, consumers: []))
            try await client.del([fixture.stream])
        }
    }

    @Test func trimmingKeepsTheNewestEntries() async throws {
        try await RedisTesting.withClient { client in
            let fixture = Fixture()
            let ids = try await fixture.add(client, "1", "2", "3", "4", "5")
            #expect(try await client.xtrim(fixture.stream, .maxLength(3, approximate: false)) == 2)
            #expect(try await client.xrange(fixture.stream).map(\.id) == Array(ids[2...]))
            #expect(try await client.xtrim(fixture.stream, .minimumID(ids[4], approximate: false)) == 2)
            try await client.xadd(
                fixture.stream, fields: [("payload", Data("6".utf8))], trim: .maxLength(1, approximate: false))
            #expect(try await client.xlen(fixture.stream) == 1)
            #expect(try await client.xrange(fixture.stream, count: 10).count == 1)
            try await client.del([fixture.stream])
        }
    }
}
