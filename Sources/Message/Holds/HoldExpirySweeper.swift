import Entities
import Logging
import ServiceLifecycle

/// Gives the seats of expired holds back with no request needed: every `interval` it releases
/// expired holds in batches until none is left (each with its `SeatsReleased_v1`). Every
/// instance runs one; they share the work (rows locked by one are skipped by the others), and a
/// hold that expired while no instance ran is released by the first one to start. Failures are
/// logged and tried again next round; on shutdown it finishes the batch in flight.
public final class HoldExpirySweeper: Service {
    private let holds: any ExpiredHoldsReleasing
    private let interval: Duration
    private let batchSize: Int
    private let logger: Logger

    public init(holds: any ExpiredHoldsReleasing, interval: Duration, batchSize: Int = 500, logger: Logger) {
        self.holds = holds
        self.interval = interval
        self.batchSize = batchSize
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            await sweep()
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: self.interval) }
        }
    }

    /// Releases batches until one comes back short; returns how many holds it released.
    @discardableResult
    public func sweep() async -> Int {
        var released = 0
        do {
            while !Task.isShuttingDownGracefully {
                let batch = try await holds.releaseExpiredHolds(limit: batchSize)
                released += batch
                if batch < batchSize { break }
            }
        } catch {
            logger.warning("releasing expired holds failed", metadata: ["error": "\(error)"])
        }
        if released > 0 {
            logger.debug("released expired holds", metadata: ["holds.released": "\(released)"])
        }
        return released
    }
}
