import HTTP
import Synchronization

/// Tells `/health` once every consumer has subscribed at least once since start.
final class SubscriptionTracker: Sendable {
    private let remaining: Mutex<Set<String>>
    private let health: HealthMonitor

    init(consumers: [String], health: HealthMonitor) {
        remaining = Mutex(Set(consumers))
        self.health = health
        if consumers.isEmpty { health.recordConsumersSubscribed() }
    }

    func subscribed(_ consumer: String) {
        let allSubscribed = remaining.withLock { remaining in
            remaining.remove(consumer) != nil && remaining.isEmpty
        }
        if allSubscribed { health.recordConsumersSubscribed() }
    }
}
