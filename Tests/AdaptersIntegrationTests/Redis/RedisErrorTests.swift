import Adapters
import Foundation
import TestSupport
import Testing

@Suite struct RedisErrorTests {
    @Test func aClosedPortIsAClearConnectionRefusedError() async throws {
        let reservation = try LoopbackSocket(listening: false)
        defer { reservation.close() }
        let address = RedisAddress(host: "127.0.0.1", port: reservation.port)
        try await RedisTesting.withClient(try RedisTesting.configuration(address: address)) { client in
            let error = try await #require(throws: RedisError.self) { try await client.ping() }
            #expect(error.kind == .connectionRefused)
            #expect(error.isConnectionError)
            #expect(error.address == address)
            #expect(error.command == "PING")
            #expect(error.description.contains("127.0.0.1:\(reservation.port)"))
            #expect(error.description.contains("connection refused"))
        }
    }

    @Test func aReplySlowerThanTheCommandTimeoutIsATimeoutAndTheNextCallReconnects() async throws {
        let configuration = try RedisTesting.configuration(poolSize: 1, commandTimeout: .milliseconds(200))
        try await RedisTesting.withClient(configuration) { client in
            let key = TestEnvironment.uniqueName("timeout")
            let error = try await #require(throws: RedisError.self) { try await client.send(["BLPOP", key, 10]) }
            #expect(error.kind == .timeout)
            #expect(error.command == "BLPOP")
            #expect(error.isConnectionError)
            try await client.ping()
        }
    }

    @Test func bytesThatAreNotTheRedisProtocolAreAProtocolError() async throws {
        let server = try NotRedisServer()
        defer { server.stop() }
        let address = RedisAddress(host: "127.0.0.1", port: server.port)
        try await RedisTesting.withClient(try RedisTesting.configuration(address: address)) { client in
            let error = try await #require(throws: RedisError.self) { try await client.ping() }
            #expect(error.kind == .protocolViolation)
            #expect(error.isConnectionError)
            #expect(error.message.contains("Protocol error"))
        }
    }

    @Test func aCallWaitingTooLongForABusyPoolGetsAPoolTimeout() async throws {
        let configuration = try RedisTesting.configuration(poolSize: 1, poolTimeout: .milliseconds(100))
        try await RedisTesting.withClient(configuration) { client in
            try await RedisTesting.withClient { observer in
                let (name, key) = (TestEnvironment.uniqueName("busy"), TestEnvironment.uniqueName("busy-list"))
                try await client.send(["CLIENT", "SETNAME", name])
                let blocked = Task { try await client.send(["BLPOP", key, 4]) }
                try await RedisTesting.waitUntilBlocked(clientNamed: name, in: "blpop", using: observer)

                let error = try await #require(throws: RedisError.self) { try await client.ping() }
                #expect(error.kind == .poolTimeout)
                #expect(error.command == "PING")

                try await observer.send(["LPUSH", key, "wake up"])
                #expect(try await blocked.value.array?.last == .bulkString(Data("wake up".utf8)))
                try await client.ping()
            }
        }
    }

    @Test func cancellingACallWaitingForThePoolEndsTheWait() async throws {
        let configuration = try RedisTesting.configuration(poolSize: 1, poolTimeout: .seconds(30))
        try await RedisTesting.withClient(configuration) { client in
            try await RedisTesting.withClient { observer in
                let (name, key) = (TestEnvironment.uniqueName("busy"), TestEnvironment.uniqueName("busy-list"))
                try await client.send(["CLIENT", "SETNAME", name])
                let blocked = Task { try await client.send(["BLPOP", key, 4]) }
                try await RedisTesting.waitUntilBlocked(clientNamed: name, in: "blpop", using: observer)

                let waiting = Task { try await client.ping() }
                waiting.cancel()
                await #expect(throws: CancellationError.self) { try await waiting.value }

                try await observer.send(["LPUSH", key, "wake up"])
                _ = try await blocked.value
            }
        }
    }

    @Test func shutdownFailsWaitingCallsAndRefusesNewOnesAfterTheCallsInProgress() async throws {
        let client = RedisClient(configuration: try RedisTesting.configuration(poolSize: 1))
        try await RedisTesting.withClient { observer in
            let (name, key) = (TestEnvironment.uniqueName("busy"), TestEnvironment.uniqueName("busy-list"))
            try await client.send(["CLIENT", "SETNAME", name])
            let blocked = Task { try await client.send(["BLPOP", key, 4]) }
            try await RedisTesting.waitUntilBlocked(clientNamed: name, in: "blpop", using: observer)
            let waiting = Task { try await client.ping() }
            // The waiting call is queued once the pool reports it: give it a moment to queue.
            try await Task.sleep(for: .milliseconds(50))

            let shutdown = Task { try await client.shutdown() }
            let waitingError = try await #require(throws: RedisError.self) { try await waiting.value }
            #expect(waitingError.kind == .closed)

            try await observer.send(["LPUSH", key, "wake up"])
            #expect(
                try await blocked.value.array?.last == .bulkString(Data("wake up".utf8)),
                "the call in progress finished")
            try await shutdown.value
            let laterError = try await #require(throws: RedisError.self) { try await client.ping() }
            #expect(laterError.kind == .closed)
        }
    }
}
