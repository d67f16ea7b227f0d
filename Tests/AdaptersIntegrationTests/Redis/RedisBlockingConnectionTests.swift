import Adapters
import Foundation
import TestSupport
import Testing

@Suite struct RedisBlockingConnectionTests {
    @Test func aBlockedReadWakesWhenAnotherConnectionAddsAnEntry() async throws {
        try await RedisTesting.withClient { client in
            try await RedisTesting.withBlockingConnection { reader in
                let (stream, group, name) = (
                    TestEnvironment.uniqueName("wake"), TestEnvironment.uniqueName("group"),
                    TestEnvironment.uniqueName("reader")
                )
                try await client.xgroupCreate(stream, group: group)
                try await reader.send(["CLIENT", "SETNAME", name])

                let read = Task {
                    try await reader.xreadgroup(
                        group: group, consumer: "alice", streams: [(stream, ">")], block: .seconds(30))
                }
                try await RedisTesting.waitUntilBlocked(clientNamed: name, in: "xreadgroup", using: client)
                let id = try await client.xadd(stream, fields: [("payload", Data("wake up".utf8))])

                let batches = try await read.value
                #expect(
                    batches == [
                        RedisStreamBatch(
                            stream: stream,
                            entries: [
                                RedisStreamEntry(id: id, fields: [("payload", Data("wake up".utf8))])
                            ])
                    ])
                try await client.del([stream])
            }
        }
    }

    @Test func aBlockPeriodWithNothingNewEndsWithNoEntries() async throws {
        try await RedisTesting.withClient { client in
            try await RedisTesting.withBlockingConnection { reader in
                let (stream, group) = (TestEnvironment.uniqueName("quiet"), TestEnvironment.uniqueName("group"))
                try await client.xgroupCreate(stream, group: group)
                let batches = try await reader.xreadgroup(
                    group: group, consumer: "alice", streams: [(stream, ">")], block: .milliseconds(20))
                #expect(batches.isEmpty)
                try await client.del([stream])
            }
        }
    }

    @Test func aBlockLongerThanTheCommandTimeoutIsNoTimeout() async throws {
        let configuration = try RedisTesting.configuration(commandTimeout: .milliseconds(500))
        try await RedisTesting.withClient { client in
            try await RedisTesting.withBlockingConnection(configuration) { reader in
                let (stream, group) = (TestEnvironment.uniqueName("long"), TestEnvironment.uniqueName("group"))
                try await client.xgroupCreate(stream, group: group)
                let batches = try await reader.xreadgroup(
                    group: group, consumer: "alice", streams: [(stream, ">")], block: .seconds(1))
                #expect(batches.isEmpty)
                try await client.del([stream])
            }
        }
    }

    @Test func closingFromAnotherTaskEndsABlockedRead() async throws {
        try await RedisTesting.withClient { client in
            let reader = RedisBlockingConnection(configuration: try RedisTesting.configuration())
            let (stream, group, name) = (
                TestEnvironment.uniqueName("close"), TestEnvironment.uniqueName("group"),
                TestEnvironment.uniqueName("reader")
            )
            try await client.xgroupCreate(stream, group: group)
            try await reader.send(["CLIENT", "SETNAME", name])

            let read = Task {
                try await reader.xreadgroup(
                    group: group, consumer: "alice", streams: [(stream, ">")], block: .seconds(60))
            }
            try await RedisTesting.waitUntilBlocked(clientNamed: name, in: "xreadgroup", using: client)
            await reader.close()

            let error = try await #require(throws: RedisError.self) { try await read.value }
            #expect(error.kind == .closed)
            #expect(error.command == "XREADGROUP")
            let later = try await #require(throws: RedisError.self) { try await reader.send(["PING"]) }
            #expect(later.kind == .closed)
            try await client.del([stream])
        }
    }

    @Test func closingEndsAReadThatWouldBlockForever() async throws {
        try await RedisTesting.withClient { client in
            let reader = RedisBlockingConnection(configuration: try RedisTesting.configuration())
            let (key, name) = (TestEnvironment.uniqueName("forever"), TestEnvironment.uniqueName("reader"))
            try await reader.send(["CLIENT", "SETNAME", name])

            let read = Task { try await reader.send(["BLPOP", key, 0], blockingFor: nil) }
            try await RedisTesting.waitUntilBlocked(clientNamed: name, in: "blpop", using: client)
            await reader.close()

            let error = try await #require(throws: RedisError.self) { try await read.value }
            #expect(error.kind == .closed)
        }
    }

    @Test func closingTwiceIsHarmless() async throws {
        let reader = RedisBlockingConnection(configuration: try RedisTesting.configuration())
        try await reader.send(["PING"])
        await reader.close()
        await reader.close()
        await #expect(throws: RedisError.self) { try await reader.send(["PING"]) }
    }

    @Test func pendingHistoryAndStreamCommandsWorkOnTheBlockingConnectionToo() async throws {
        try await RedisTesting.withClient { client in
            try await RedisTesting.withBlockingConnection { reader in
                let (stream, group) = (TestEnvironment.uniqueName("history"), TestEnvironment.uniqueName("group"))
                try await reader.xgroupCreate(stream, group: group)
                let id = try await client.xadd(stream, fields: [("payload", Data("p".utf8))])
                _ = try await reader.xreadgroup(
                    group: group, consumer: "alice", streams: [(stream, ">")], block: .seconds(5))
                let history = try await reader.xreadgroup(group: group, consumer: "alice", streams: [(stream, "0")])
                #expect(history.first?.entries.map(\.id) == [id])
                #expect(try await reader.xack(stream, group: group, ids: [id]) == 1)
                try await client.del([stream])
            }
        }
    }
}
