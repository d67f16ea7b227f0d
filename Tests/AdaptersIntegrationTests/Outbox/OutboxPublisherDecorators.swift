import Adapters
import Foundation

/// Publishes, then fails as a process killed before COMMIT would: the entries are on their
/// streams but the relay's transaction rolls back, so the rows stay.
struct PublishingThenCrashing: OutboxStreamPublishing {
    struct SimulatedCrash: Error {}

    let wrapped: any OutboxStreamPublishing

    func publish(_ appends: [RedisStreamAppend]) throws -> [Result<String, RedisError>] {
        _ = try wrapped.publish(appends)
        throw SimulatedCrash()
    }

    func close() {
        wrapped.close()
    }
}

/// Holds the relay's transaction open, its rows claimed and locked but not yet published,
/// until the test lets it go on.
final class PublishingWhenAllowed: OutboxStreamPublishing {
    struct NeverAllowed: Error {}

    /// The number of entries of each publication that is waiting to be allowed.
    let waitingPublications: AsyncStream<Int>
    private let waiting: AsyncStream<Int>.Continuation
    private let allowed = DispatchSemaphore(value: 0)
    private let wrapped: any OutboxStreamPublishing

    init(wrapping wrapped: any OutboxStreamPublishing) {
        self.wrapped = wrapped
        (waitingPublications, waiting) = AsyncStream.makeStream()
    }

    func publish(_ appends: [RedisStreamAppend]) throws -> [Result<String, RedisError>] {
        waiting.yield(appends.count)
        // Blocks only the relay's executor thread; bounded against a hung test.
        guard allowed.wait(timeout: .now() + 60) == .success else { throw NeverAllowed() }
        return try wrapped.publish(appends)
    }

    /// Lets one waiting (or the next) publication go on.
    func allow() {
        allowed.signal()
    }

    func close() {
        wrapped.close()
    }
}
