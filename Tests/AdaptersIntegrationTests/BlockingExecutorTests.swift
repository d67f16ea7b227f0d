import Adapters
import Foundation
import Testing

@Suite struct BlockingExecutorTests {
    @Test func blockingWorkOccupiesItsOwnThreadsNotTheCallers() async throws {
        let executor = BlockingExecutor(threads: 4)
        // Four sleeps of 200 ms finish together only when each has its own pool thread; the
        // caller's task keeps running meanwhile.
        let threadNames = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    try await executor.run {
                        usleep(200_000)
                        return Thread.current.name ?? "unnamed"
                    }
                }
            }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(threadNames.count == 4)
        try await executor.shutdown()
    }

    @Test func errorsThrownByTheWorkReachTheCaller() async throws {
        struct Boom: Error {}
        let executor = BlockingExecutor(threads: 1)
        await #expect(throws: Boom.self) { try await executor.run { throw Boom() } }
        try await executor.shutdown()
    }
}
