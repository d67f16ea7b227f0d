import CLibPQ

extension PostgresConnection {
    /// Runs `body` in one transaction: COMMIT when it returns, ROLLBACK when it (or COMMIT)
    /// throws. Runs once; `PostgresClient.transaction` adds the reruns after serialization
    /// failures. A statement that failed inside `body` aborts the transaction even if `body`
    /// caught the error: committing it then throws 25P02 instead of silently rolling back.
    /// Notifications asked for with `notifyAfterCommit` go out after a successful COMMIT.
    ///
    /// Round trips: BEGIN travels with the first statement, and COMMIT with the deferred
    /// statements before it and the notifications after it, so a transaction of one statement
    /// and an outbox append costs two round trips, not five.
    @discardableResult
    public func transaction<Value>(
        isolation: PostgresIsolationLevel = .readCommitted, _ body: (PostgresConnection) throws -> Value
    ) throws -> Value {
        guard !isInTransaction else {
            throw PostgresError(kind: .query, message: "a transaction is already open on this connection", sqlState: "25001")
        }
        channelsToNotifyAfterCommit = []
        pendingBegin = .control("BEGIN ISOLATION LEVEL \(isolation.rawValue)")
        do {
            let value = try body(self)
            try commit()
            return value
        } catch {
            channelsToNotifyAfterCommit = []
            rollBackIfOpen()
            throw error
        }
    }

    private func commit() throws {
        var ending: [PostgresStatement] = [.control("COMMIT")]
        if pendingBegin != nil {
            // Nothing reached the server: there is a transaction to end only if statements were deferred.
            if deferred.isEmpty {
                pendingBegin = nil
                ending = []
            }
        } else {
            switch transactionStatus {
            case PQTRANS_INTRANS:
                break
            case PQTRANS_INERROR:
                throw PostgresError(
                    kind: .query, message: "a statement of the transaction failed; it was rolled back", sqlState: "25P02")
            default:
                guard !isBroken else {
                    throw PostgresError(kind: .connection, message: "the connection broke before COMMIT: \(lastErrorMessage)")
                }
                throw PostgresError(
                    kind: .query, message: "the transaction was ended inside its body (COMMIT or ROLLBACK there is not allowed)",
                    sqlState: "25000")
            }
        }
        let notifications = try channelsToNotifyAfterCommit.map(notificationWithoutWaitingForDisk)
        channelsToNotifyAfterCommit = []
        let committing = (pendingBegin == nil ? 0 : 1) + deferred.count + ending.count
        guard committing + notifications.count > 0 else { return }
        let results = try pipelineUnsent(then: ending + notifications)
        for result in results.prefix(committing) { _ = try result.get() }
        for (result, notification) in zip(results.dropFirst(committing), notifications) {
            if case .failure(let error) = result {
                // The transaction is committed; the listener's poll makes up for the lost wake-up.
                logger.warning("notification after commit not sent", metadata: [
                    "postgres.statement": "\(notification.sql)", "postgres.error": "\(error)",
                ])
            }
        }
    }

    /// Best effort: when ROLLBACK itself fails the connection is broken, the server rolls back
    /// on its own, and the pool discards the connection. A BEGIN never sent needs no ROLLBACK.
    private func rollBackIfOpen() {
        deferred = []
        guard pendingBegin == nil else {
            pendingBegin = nil
            return
        }
        guard transactionStatus != PQTRANS_IDLE, !isBroken else { return }
        do {
            try run(.control("ROLLBACK"))
        } catch {
            logger.warning("ROLLBACK failed", metadata: ["postgres.error": "\(error)"])
        }
    }
}
