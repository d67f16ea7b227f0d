import Synchronization

/// The entry ids a consumer is working on (handling or waiting to retry), which it keeps
/// fresh so that no other consumer claims them.
final class EntriesInHand: Sendable {
    private let ids = Mutex<Set<String>>([])

    func insert(_ id: String) { ids.withLock { _ = $0.insert(id) } }
    func remove(_ id: String) { ids.withLock { _ = $0.remove(id) } }
    func contains(_ id: String) -> Bool { ids.withLock { $0.contains(id) } }
    var all: [String] { ids.withLock { Array($0) } }
}
