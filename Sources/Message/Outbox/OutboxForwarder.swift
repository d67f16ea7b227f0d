import Logging
import Metrics
import ServiceLifecycle

/// Moves outbox rows to the streams for as long as the service runs: a full round is followed
/// at once by the next; otherwise it waits for a commit notification (or the safety poll).
/// Failures back off and never stop it; on shutdown it finishes the round in flight.
public final class OutboxForwarder: Service {
    private let relay: any OutboxRelay
    private let batchSize: Int
    private let pollInterval: Duration
    private let logger: Logger
    private let onError: @Sendable (any Error) -> Void
    private let onSuccess: @Sendable () -> Void
    private let backlogGauge = Gauge(label: "outbox_backlog_messages")
    private let oldestGauge = Gauge(label: "outbox_oldest_message_age_seconds")

    /// - Parameters:
    ///   - pollInterval: how long it waits without a notification before looking anyway.
    ///   - onError/onSuccess: report the streams' reachability (for `/health`).
    public init(
        relay: any OutboxRelay,
        batchSize: Int = 1000,
        pollInterval: Duration = .seconds(1),
        logger: Logger,
        onError: @escaping @Sendable (any Error) -> Void = { _ in },
        onSuccess: @escaping @Sendable () -> Void = {}
    ) {
        self.relay = relay
        self.batchSize = batchSize
        self.pollInterval = pollInterval
        self.logger = logger
        self.onError = onError
        self.onSuccess = onSuccess
    }

    public func run() async throws {
        await withDiscardingTaskGroup { group in
            group.addTask { await self.measureBacklog() }
            await forwardUntilShutdown()
            group.cancelAll()
        }
    }

    private func forwardUntilShutdown() async {
        var failures = 0
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                let round = try await relay.forwardRound(limit: batchSize)
                failures = 0
                onSuccess()
                if round.failed > 0 {
                    logger.warning("outbox rows could not be published", metadata: ["failed": "\(round.failed)"])
                }
                if round.forwarded + round.failed >= batchSize { continue }
                await cancelWhenGracefulShutdown { await self.relay.waitForNewRows(timeout: self.pollInterval) }
            } catch {
                failures += 1
                onError(error)
                logger.warning("outbox forwarding failed", metadata: ["error": "\(error)", "failures": "\(failures)"])
                let delay = min(Duration.milliseconds(100) * (1 << min(failures, 6)), .seconds(5))
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: delay) }
            }
        }
    }

    private func measureBacklog() async {
        while !Task.isCancelled {
            if let backlog = try? await relay.backlog() {
                backlogGauge.record(backlog.count)
                oldestGauge.record(backlog.oldestAge?.seconds ?? 0)
            }
            do { try await Task.sleep(for: .seconds(5)) } catch { return }
        }
    }
}
