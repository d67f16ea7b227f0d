import Synchronization

/// A fact one task states and another looks at: a handler started, a callback ran.
final class Flag: Sendable {
    private let raised = Atomic<Bool>(false)

    func raise() { raised.store(true, ordering: .sequentiallyConsistent) }
    var isRaised: Bool { raised.load(ordering: .sequentiallyConsistent) }
}

/// A count kept across tasks: calls of a callback, handlers running at once.
final class Tally: Sendable {
    private let state = Mutex((current: 0, highest: 0))

    func increment() { state.withLock { $0.current += 1; $0.highest = max($0.highest, $0.current) } }
    func decrement() { state.withLock { $0.current -= 1 } }
    var value: Int { state.withLock { $0.current } }
    /// The highest value it has had.
    var highest: Int { state.withLock { $0.highest } }
}
