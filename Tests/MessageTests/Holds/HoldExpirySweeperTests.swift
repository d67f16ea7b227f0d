import Entities
import Message
import Synchronization
import Testing

/// The sweeper's loop: batches until one comes back short, again every interval, failures
/// logged and tried again, shutdown after the batch in flight.
@Suite struct HoldExpirySweeperTests {
    /// Expired holds waiting to be released, handed out `limit` at a time; can fail on demand.
    final class ExpiredHolds: ExpiredHoldsReleasing {
        private struct State {
            var waiting = 0
            var calls: [Int] = []
            var failuresLeft = 0
        }

        private let state = Mutex(State())

        var calls: [Int] { state.withLock { $0.calls } }
        var waiting: Int { state.withLock { $0.waiting } }

        func expire(_ count: Int) { state.withLock { $0.waiting += count } }
        func failNext(_ count: Int) { state.withLock { $0.failuresLeft = count } }

        struct Failure: Error {}

        func releaseExpiredHolds(limit: Int) async throws -> Int {
            try state.withLock { state in
                if state.failuresLeft > 0 {
                    state.failuresLeft -= 1
                    state.calls.append(-1)
                    throw Failure()
                }
                let released = min(limit, state.waiting)
                state.waiting -= released
                state.calls.append(released)
                return released
            }
        }
    }

    @Test func releasesBatchesUntilOneComesBackShort() async {
        let holds = ExpiredHolds()
        holds.expire(25)
        let sweeper = HoldExpirySweeper(holds: holds, interval: .seconds(600), batchSize: 10, logger: .quiet)
        #expect(await sweeper.sweep() == 25)
        #expect(holds.calls == [10, 10, 5])
        #expect(await sweeper.sweep() == 0)
    }

    @Test func sweepsAgainEveryIntervalWithoutAnyRequest() async throws {
        let holds = ExpiredHolds()
        let sweeper = HoldExpirySweeper(holds: holds, interval: .milliseconds(10), batchSize: 10, logger: .quiet)
        try await whileRunning([sweeper]) { _ in
            #expect(await eventually { !holds.calls.isEmpty })
            holds.expire(3)
            #expect(await eventually { holds.waiting == 0 })
        }
    }

    @Test func aFailedSweepIsTriedAgainNextRound() async throws {
        let holds = ExpiredHolds()
        holds.expire(4)
        holds.failNext(2)
        let sweeper = HoldExpirySweeper(holds: holds, interval: .milliseconds(10), batchSize: 10, logger: .quiet)
        try await whileRunning([sweeper]) { _ in
            #expect(await eventually { holds.waiting == 0 })
        }
        #expect(Array(holds.calls.prefix(3)) == [-1, -1, 4])
    }
}
