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
        unsent = [.control("BEGIN ISOLATION LEVEL \(isolation.rawValue)")]
        beginUnsent = true
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
        if beginUnsent {
            // Nothing reached the server: no transaction to end unless statements were deferred.
            guard unsent.count > 1 else {
                unsent = []
                beginUnsent = false
                sendNotificationsAfterCommit()
                return
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
        let committing = unsent.count + 1
        let results = try pipelineUnsent(then: [.control("COMMIT")] + notifications)
        for result in results.prefix(committing) { _ = try result.get() }
        for (result, channel) in zip(results.dropFirst(committing), notifications.map(\.sql)) {
            if case .failure(let error) = result {
                // The transaction is committed; the listener's poll makes up for the lost wake-up.
                logger.warning("notification after commit not sent", metadata: [
                    "postgres.statement": "\(channel)", "postgres.error": "\(error)",
                ])
            }
        }
    }

    /// Sends notifications asked for in a transaction that sent nothing; logged, not thrown.
    private func sendNotificationsAfterCommit() {
        defer { channelsToNotifyAfterCommit = [] }
        for channel in channelsToNotifyAfterCommit {
            do {
                try notifyWithoutWaitingForDisk(channel: channel)
            } catch {
                logger.warning("notification after commit not sent", metadata: [
                    "postgres.channel": "\(channel)", "postgres.error": "\(error)",
                ])
            }
        }
    }

    /// Best effort: when ROLLBACK itself fails the connection is broken, the server rolls back
    /// on its own, and the pool discards the connection. A BEGIN never sent needs no ROLLBACK.
    private func rollBackIfOpen() {
        unsent = []
        if beginUnsent {
            beginUnsent = false
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
