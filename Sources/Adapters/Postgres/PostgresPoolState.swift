/// The bookkeeping of `PostgresClient`'s pool, always changed under its mutex: free slots, the
/// callers waiting for one (in arrival order), and whether the pool is shutting down.
struct PostgresPoolState {
    struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<PostgresConnectionSlot, any Error>
        /// Fails the wait after the acquire timeout; cancelled when a slot arrives first.
        let timeout: Task<Void, Never>
    }

    /// Slots with a live connection are pushed last and taken first, so unused ones stay unopened.
    var idle: [PostgresConnectionSlot]
    var waiters: [Waiter] = []
    var nextWaiterID: UInt64 = 0
    var leased = 0
    var isShuttingDown = false
    /// Resumed when the last leased slot comes back during shutdown.
    var drained: CheckedContinuation<Void, Never>?

    init(slots: [PostgresConnectionSlot]) {
        idle = slots
    }

    mutating func removeWaiter(id: UInt64) -> Waiter? {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return nil }
        return waiters.remove(at: index)
    }
}
