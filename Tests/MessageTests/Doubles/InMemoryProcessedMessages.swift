import Entities
import Synchronization

/// `ProcessedMessages` in memory: an effect runs unless its key was recorded, and its key is
/// recorded only after it succeeded.
final class InMemoryProcessedMessages: ProcessedMessages {
    private let processed = Mutex<Set<ProcessingKey>>([])

    var keys: Set<ProcessingKey> { processed.withLock { $0 } }

    func once(_ key: ProcessingKey, _ effect: @Sendable () async throws -> Void) async throws {
        guard !processed.withLock({ $0.contains(key) }) else { return }
        try await effect()
        processed.withLock { _ = $0.insert(key) }
    }
}
