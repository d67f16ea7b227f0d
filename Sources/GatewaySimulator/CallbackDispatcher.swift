import Foundation
import Logging
import Synchronization

/// Delivers Dead Nation's callbacks in the background: after the configured delay, retried
/// with doubling backoff while the service does not answer or answers 408, 429 or 5xx, each
/// attempt going to the next of the callback's URLs (another instance when one is down).
///
/// Each delivery is a task of its own, kept here so that a reset can cancel the pending ones.
/// (The simulator target depends on Hummingbird only, not on ServiceLifecycle; deliveries still
/// pending when the process ends are dropped, as a box office's would be.)
final class CallbackDispatcher: Sendable {
    private let poster: any TicketsStatusCallbackPosting
    private let delay: Duration
    private let retry: CallbackRetryPolicy
    private let state: SimulatorState
    private let logger: Logger
    private let deliveries = Mutex<[UUID: Task<Void, Never>]>([:])

    init(poster: any TicketsStatusCallbackPosting, delay: Duration, retry: CallbackRetryPolicy, state: SimulatorState, logger: Logger) {
        self.poster = poster
        self.delay = delay
        self.retry = retry
        self.state = state
        self.logger = logger
    }

    /// Starts delivering `callback` for the booking `bookingID`, whose tickets are `ticketIDs`;
    /// attempt n goes to `urls[(n - 1) % urls.count]`.
    func schedule(_ callback: TicketsStatusCallback, urls: [String], bookingID: String, ticketIDs: [String]) {
        state.update { store in
            store.callbacks.insert(
                CallbackDelivery(bookingID: bookingID, idempotencyKey: callback.idempotencyKey, ticketIDs: ticketIDs, state: .scheduled),
                key: bookingID
            )
        }
        let id = UUID()
        // The task removes itself under the same lock, so it cannot finish before it is stored.
        deliveries.withLock { tasks in
            tasks[id] = Task {
                await deliver(callback, urls: urls, bookingID: bookingID)
                deliveries.withLock { _ = $0.removeValue(forKey: id) }
            }
        }
    }

    /// Cancels every delivery not finished yet.
    func cancelAll() {
        let pending = deliveries.withLock { tasks in
            defer { tasks.removeAll() }
            return Array(tasks.values)
        }
        pending.forEach { $0.cancel() }
    }

    private func deliver(_ callback: TicketsStatusCallback, urls: [String], bookingID: String) async {
        do {
            try await Task.sleep(for: delay)
            var target = callback
            for attempt in 1...max(1, retry.maxAttempts) {
                target.url = urls[(attempt - 1) % urls.count]
                if try await attemptDelivery(target, bookingID: bookingID) { return }
                if attempt < retry.maxAttempts {
                    try await Task.sleep(for: retry.backoff(afterAttempt: attempt))
                }
            }
            finish(bookingID, as: .failed)
            logger.error("tickets-status callback undelivered", metadata: ["booking.id": "\(bookingID)", "urls": "\(urls)"])
        } catch {
            // Cancelled by a reset: the delivery no longer exists.
        }
    }

    /// One attempt; true when there is nothing left to do (delivered, or refused for good).
    private func attemptDelivery(_ callback: TicketsStatusCallback, bookingID: String) async throws -> Bool {
        do {
            let status = try await poster.post(callback)
            try Task.checkCancellation()
            state.update { store in
                store.callbacks.update(key: bookingID) { delivery in
                    delivery.attempts += 1
                    delivery.lastStatus = status
                }
            }
            if (200..<300).contains(status) {
                finish(bookingID, as: .delivered)
                return true
            }
            let retryable = status >= 500 || status == 408 || status == 429
            if retryable {
                logger.warning("tickets-status callback answered \(status)", metadata: ["booking.id": "\(bookingID)"])
            } else {
                finish(bookingID, as: .failed)
                logger.error("tickets-status callback refused", metadata: ["booking.id": "\(bookingID)", "status": "\(status)"])
            }
            return !retryable
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            state.update { store in
                store.callbacks.update(key: bookingID) { delivery in
                    delivery.attempts += 1
                    delivery.lastError = "\(error)"
                }
            }
            logger.warning("tickets-status callback failed", metadata: ["booking.id": "\(bookingID)", "error": "\(error)"])
            return false
        }
    }

    private func finish(_ bookingID: String, as outcome: CallbackDelivery.State) {
        state.update { $0.callbacks.update(key: bookingID) { $0.state = outcome } }
    }
}
