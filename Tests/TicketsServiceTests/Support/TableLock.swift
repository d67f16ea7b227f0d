import Dispatch

/// A table the component tests lock to hold the service's connections in the database.
enum LockedTable: String {
    case shows
    case processedMessages = "processed_messages"
}

extension ComponentEnvironment {
    /// Runs `body` while a transaction of the test's own holds an exclusive lock on `table`:
    /// every statement of the service on it waits, holding its connection, until `body` ends.
    func whileLocked<Result: Sendable>(_ table: LockedTable, _ body: () async throws -> Result) async throws -> Result {
        let locked = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let holder = Task {
            try await postgres.transaction { connection in
                try connection.execute("LOCK TABLE \(table.rawValue) IN ACCESS EXCLUSIVE MODE")
                locked.signal()
                release.wait()
            }
        }
        await locked.waitOffPool()
        let outcome: Swift.Result<Result, any Error>
        do {
            outcome = .success(try await body())
        } catch {
            outcome = .failure(error)
        }
        release.signal()
        try await holder.value
        return try outcome.get()
    }
}

extension DispatchSemaphore {
    /// Waits for a signal on a Dispatch thread, never blocking the cooperative pool.
    fileprivate func waitOffPool() async {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                self.wait()
                continuation.resume()
            }
        }
    }
}
