import Synchronization

/// The simulator's in-memory state, shared by all requests.
final class SimulatorState: Sendable {
    /// Journal entries kept; older ones are dropped.
    let journalCapacity: Int
    private let store = Mutex(SimulatorStore())

    init(journalCapacity: Int) {
        self.journalCapacity = journalCapacity
    }

    /// Reads or changes the state atomically.
    func update<Result: Sendable>(_ body: (inout SimulatorStore) -> Result) -> Result {
        store.withLock { body(&$0) }
    }
}
