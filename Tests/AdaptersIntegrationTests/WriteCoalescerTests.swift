@testable import Adapters
import Synchronization
import Testing

@Suite struct WriteCoalescerTests {
    /// What the write function saw: each batch, in order.
    final class Batches: Sendable {
        private let seen = Mutex<[[Int]]>([])
        func record(_ batch: [Int]) { seen.withLock { $0.append(batch) } }
        var all: [[Int]] { seen.withLock { $0 } }
        func contains(_ item: Int) -> Bool { seen.withLock { $0.contains { $0.contains(item) } } }
    }

    @Test func aLoneWriteGoesAtOnceInABatchOfItsOwn() async throws {
        let batches = Batches()
        let coalescer = WriteCoalescer<Int>(maxBatch: 8) { batches.record($0) }
        try await coalescer.submit(1)
        try await coalescer.submit(2)
        #expect(batches.all == [[1], [2]])
    }

    @Test func concurrentWritesShareBatchesAndEachCallerReturnsAfterItsOwnItemIsWritten() async throws {
        let batches = Batches()
        let coalescer = WriteCoalescer<Int>(maxBatch: 16) { batch in
            try await Task.sleep(for: .milliseconds(2))
            batches.record(batch)
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for item in 0..<200 {
                group.addTask {
                    try await coalescer.submit(item)
                    #expect(batches.contains(item), "returned before item \(item) was written")
                }
            }
            try await group.waitForAll()
        }
        let written = batches.all
        #expect(written.flatMap { $0 }.sorted() == Array(0..<200))
        #expect(written.count < 200)
        #expect(written.allSatisfy { $0.count <= 16 })
    }

    private struct Refused: Error, Equatable {
        let item: Int
    }

    @Test func aFailingItemFailsOnlyItsOwnCaller() async throws {
        let batches = Batches()
        let coalescer = WriteCoalescer<Int>(maxBatch: 64) { batch in
            try await Task.sleep(for: .milliseconds(1))
            if batch.contains(13) { throw Refused(item: 13) }
            batches.record(batch)
        }
        let failures = await withTaskGroup(of: Int?.self) { group in
            for item in 0..<50 {
                group.addTask {
                    do {
                        try await coalescer.submit(item)
                        return nil
                    } catch {
                        #expect(error as? Refused == Refused(item: 13))
                        return item
                    }
                }
            }
            return await group.reduce(into: [Int]()) { if let item = $1 { $0.append(item) } }
        }
        #expect(failures == [13])
        #expect(batches.all.flatMap { $0 }.sorted() == Array(0..<50).filter { $0 != 13 })
    }
}
