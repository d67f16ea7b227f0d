import Adapters
import Foundation
import TestSupport
import Testing

/// Server crashes and restarts, on a private redis-server.
@Suite struct RedisReconnectTests {
    @Test func afterTheServerRestartsTheClientReconnectsByItself() async throws {
        let server = try await PrivateRedisServer()
        defer { server.stop() }
        try await RedisTesting.withClient(try RedisTesting.configuration(address: server.address, poolSize: 2)) {
            client in
            try await client.send(["SET", "before", "restart"])

            server.kill()
            let error = try await #require(throws: RedisError.self) { try await client.send(["GET", "before"]) }
            #expect(error.isConnectionError)
            #expect(error.address == server.address)

            try await server.start()
            // Every pooled connection was broken by the restart; none needs the caller's help.
            for _ in 0..<4 {
                try await client.ping()
            }
            #expect(try await client.send(["GET", "before"]) == .null, "a fresh server without persistence")
        }
    }

    @Test func aRestartBetweenTwoCallsCostsNoCall() async throws {
        let server = try await PrivateRedisServer()
        defer { server.stop() }
        try await RedisTesting.withClient(try RedisTesting.configuration(address: server.address, poolSize: 1)) {
            client in
            try await client.ping()
            server.kill()
            try await server.start()
            // The idle connection was closed by the dying server: it is replaced before anything
            // is sent on it.
            try await client.ping()
        }
    }

    @Test func aCommandInFlightWhenTheServerDiesFailsAndIsNotSentAgain() async throws {
        let server = try await PrivateRedisServer()
        defer { server.stop() }
        try await RedisTesting.withClient(try RedisTesting.configuration(address: server.address, poolSize: 1)) {
            client in
            try await RedisTesting.withClient(try RedisTesting.configuration(address: server.address)) { observer in
                try await client.send(["CLIENT", "SETNAME", "victim"])
                let blocked = Task { try await client.send(["BLPOP", "list", 4]) }
                try await RedisTesting.waitUntilBlocked(clientNamed: "victim", in: "blpop", using: observer)
                server.kill()
                let error = try await #require(throws: RedisError.self) { try await blocked.value }
                #expect(error.isConnectionError)
                #expect(error.command == "BLPOP")

                try await server.start()
                #expect(try await client.send(["INCR", "counter"]) == .integer(1))
                #expect(
                    try await observer.send(["CLIENT", "LIST"]).string?.contains("cmd=blpop") == false, "not retried")
            }
        }
    }

    @Test func aPipelineBrokenByTheServerDyingThrowsAndTheNextOneWorks() async throws {
        let server = try await PrivateRedisServer()
        defer { server.stop() }
        try await RedisTesting.withClient(try RedisTesting.configuration(address: server.address, poolSize: 1)) {
            client in
            try await RedisTesting.withClient(try RedisTesting.configuration(address: server.address)) { observer in
                try await client.send(["CLIENT", "SETNAME", "pipeliner"])
                let replies = Task { try await client.pipeline([["PING"], ["BLPOP", "list", 4], ["PING"]]) }
                try await RedisTesting.waitUntilBlocked(clientNamed: "pipeliner", in: "blpop", using: observer)
                server.kill()
                let error = try await #require(throws: RedisError.self) { try await replies.value }
                #expect(error.isConnectionError)
                #expect(error.command == "BLPOP", "the command whose reply was lost")

                try await server.start()
                #expect(try await client.pipeline([["PING"], ["PING"]]) == [.status("PONG"), .status("PONG")])
            }
        }
    }

    @Test func aBlockingConnectionReconnectsAfterTheServerRestarts() async throws {
        let server = try await PrivateRedisServer()
        defer { server.stop() }
        let configuration = try RedisTesting.configuration(address: server.address)
        try await RedisTesting.withClient(configuration) { client in
            try await RedisTesting.withBlockingConnection(configuration) { reader in
                try await client.xgroupCreate("stream", group: "group")
                try await reader.send(["CLIENT", "SETNAME", "reader"])
                let read = Task {
                    try await reader.xreadgroup(
                        group: "group", consumer: "consumer", streams: [("stream", ">")], block: .seconds(4))
                }
                try await RedisTesting.waitUntilBlocked(clientNamed: "reader", in: "xreadgroup", using: client)
                server.kill()
                let error = try await #require(throws: RedisError.self) { try await read.value }
                #expect(error.isConnectionError)

                try await server.start()
                try await client.xgroupCreate("stream", group: "group")
                let id = try await client.xadd("stream", fields: [("payload", Data("after restart".utf8))])
                let batches = try await reader.xreadgroup(
                    group: "group", consumer: "consumer", streams: [("stream", ">")], block: .seconds(4))
                #expect(batches.first?.entries.map(\.id) == [id])
            }
        }
    }
}
