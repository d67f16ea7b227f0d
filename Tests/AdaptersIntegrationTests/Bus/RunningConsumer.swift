import Adapters
import Logging
import Message
import ServiceLifecycle

/// A `StreamConsumer` running in a `ServiceGroup` of its own, as the service runs it, that a
/// test can shut down gracefully or "crash" (cancel without shutdown).
final class RunningConsumer: Sendable {
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    init(
        _ handler: any MessageHandler, name: String, fixture: BusFixture,
        configuration: ConsumerConfiguration = RunningConsumer.configuration(), streams: (any ConsumerGroupStreams)? = nil
    ) {
        let consumer = StreamConsumer(
            handler: handler, streams: streams ?? fixture.streams, topology: fixture.topology, consumerName: name,
            configuration: configuration, logger: Self.logger)
        let group = ServiceGroup(services: [consumer], logger: Self.logger)
        self.group = group
        task = Task { try await group.run() }
    }

    /// Small durations so that retries and take-overs happen within a test.
    static func configuration(
        maxAttempts: Int = 3, claimIdle: Duration = .seconds(1), batchSize: Int = 64, maxInFlight: Int = 16
    ) -> ConsumerConfiguration {
        ConsumerConfiguration(
            retry: RetryPolicy(maxAttempts: maxAttempts, initialDelay: .milliseconds(10), maxDelay: .milliseconds(50)),
            batchSize: batchSize, maxInFlight: maxInFlight, readBlock: .milliseconds(100), claimIdle: claimIdle,
            metricsInterval: .milliseconds(200))
    }

    /// Stops reading, lets the handlers in flight finish, and returns once the consumer has.
    func shutDown() async throws {
        await group.triggerGracefulShutdown()
        try await task.value
    }

    /// Stops at once, as a crash would: nothing in flight is acknowledged.
    func crash() async {
        task.cancel()
        _ = try? await task.value
    }

    static let logger = Logger(label: "bus-tests") { _ in SwiftLogNoOpLogHandler() }
}
