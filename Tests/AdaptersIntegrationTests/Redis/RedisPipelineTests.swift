import Adapters
import Foundation
import TestSupport
import Testing

@Suite struct RedisPipelineTests {
    @Test func repliesComeBackInOrderAndAnErrorInTheMiddleLeavesTheOthersAnswered() async throws {
        try await RedisTesting.withClient { client in
            let prefix = TestEnvironment.uniqueName("pipeline")
            let counter = prefix + "-counter"
            var commands: [RedisCommand] = []
            var expected: [RedisReply] = []
            for index in 0..<1_000 {
                switch index % 4 {
                case 0:
                    commands.append(["SET", "\(prefix)-\(index)", "value \(index)"])
                    expected.append(.status("OK"))
                case 1:
                    commands.append(["INCR", counter])
                    expected.append(.integer(index / 4 + 1))
                case 2:
                    commands.append(["GET", "\(prefix)-\(index - 2)"])
                    expected.append(.bulkString(Data("value \(index - 2)".utf8)))
                default:
                    commands.append(["GET", "\(prefix)-missing"])
                    expected.append(.null)
                }
            }
            // A list command on a string key, halfway through.
            commands[501] = ["LPUSH", "\(prefix)-0", "x"]
            let replies = try await client.pipeline(commands)

            #expect(replies.count == 1_000)
            guard case .error(let serverError) = replies[501] else {
                Issue.record("expected an error reply, got \(replies[501])")
                return
            }
            #expect(serverError.code == "WRONGTYPE")
            expected[501] = replies[501]
            // INCRs after the failed command continue from where they were.
            for index in stride(from: 505, to: 1_000, by: 4) {
                expected[index] = .integer(index / 4)
            }
            #expect(replies == expected)
            try await client.del((0..<1_000).map { "\(prefix)-\($0)" } + [counter])
        }
    }

    @Test func anEmptyPipelineSendsNothing() async throws {
        try await RedisTesting.withClient { client in
            let replies = try await client.pipeline([])
            #expect(replies.isEmpty)
        }
    }

    @Test func manyEntriesAreAddedToSeveralStreamsInOneRoundTrip() async throws {
        try await RedisTesting.withClient { client in
            let first = TestEnvironment.uniqueName("multi-xadd-a")
            let second = TestEnvironment.uniqueName("multi-xadd-b")
            let notAStream = TestEnvironment.uniqueName("multi-xadd-string")
            try await client.send(["SET", notAStream, "x"])
            let appends = (0..<10).map { index in
                RedisStreamAppend(
                    stream: index == 5 ? notAStream : (index.isMultiple(of: 2) ? first : second),
                    fields: [("payload", Data("message \(index)".utf8))])
            }
            let results = try await client.xadd(appends)

            #expect(results.count == 10)
            let ids = results.map { try? $0.get() }
            guard case .failure(let error) = results[5] else {
                Issue.record("the entry for a string key should fail")
                return
            }
            #expect(error.serverErrorCode == "WRONGTYPE")
            #expect(error.command == "XADD")
            let firstEntries = try await client.xrange(first)
            let secondEntries = try await client.xrange(second)
            #expect(firstEntries.map(\.id) == [0, 2, 4, 6, 8].map { ids[$0] })
            #expect(secondEntries.map(\.id) == [1, 3, 7, 9].map { ids[$0] })
            #expect(secondEntries.map { $0.value(of: "payload") } == [1, 3, 7, 9].map { Data("message \($0)".utf8) })
            try await client.del([first, second, notAStream])
        }
    }
}
