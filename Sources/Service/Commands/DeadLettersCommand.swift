import Adapters
import ArgumentParser
import Foundation
import Message

/// `tickets dead-letters list|replay|drop`: the operator's tools for the dead-letter stream.
struct DeadLettersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dead-letters",
        abstract: "List, replay or drop messages in the dead-letter stream.",
        subcommands: [List.self, Replay.self, Drop.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List dead letters, oldest first.")
        @Option(help: "How many to list at most.") var limit = 100

        func run() async throws {
            try await withDeadLetterStore { store in
                let entries = try await store.list(limit: limit)
                if entries.isEmpty { print("no dead letters") }
                for entry in entries { print(entry.listingLine) }
            }
        }
    }

    struct Replay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Put dead letters back on their topic, for their handler.")
        @Argument(help: "Dead-letter entry ids, as `list` shows them.") var ids: [String]

        func run() async throws {
            try await withDeadLetterStore { store in
                for id in ids {
                    let newID = try await store.replay(id: id)
                    print("replayed \(id) as \(newID)")
                }
            }
        }
    }

    struct Drop: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete dead letters for good.")
        @Argument(help: "Dead-letter entry ids, as `list` shows them.") var ids: [String]

        func run() async throws {
            try await withDeadLetterStore { store in
                for id in ids {
                    try await store.drop(id: id)
                    print("dropped \(id)")
                }
            }
        }
    }
}

/// Runs `body` with the dead-letter store of the configured Redis, closing it afterwards.
private func withDeadLetterStore(_ body: (DeadLetterStore) async throws -> Void) async throws {
    let configuration = try ServiceConfiguration.fromEnvironment()
    let redis = RedisClient(configuration: RedisConfiguration(
        address: RedisAddress(host: configuration.redisAddress.host, port: configuration.redisAddress.port),
        poolSize: 1
    ))
    do {
        try await body(DeadLetterStore(redis: redis, topology: try BusTopology(serviceName: configuration.serviceName)))
        try await redis.shutdown()
    } catch {
        try? await redis.shutdown()
        throw CommandFailure(error)
    }
}
