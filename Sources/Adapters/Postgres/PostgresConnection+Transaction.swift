import CLibPQ

extension PostgresConnection {
    /// Runs `body` in one transaction: COMMIT when it returns, ROLLBACK when it (or COMMIT)
    /// throws. Runs once; `PostgresClient.transaction` adds the reruns after serialization
    /// failures. A statement that failed inside `body` aborts the transaction even if `body`
    /// caught the error: committing it then throws 25P02 instead of silently rolling back.
    /// Notifications asked for with `notifyAfterCommit` go out after a successful COMMIT.
    @discardableResult
    public func transaction<Value>(
        isolation: PostgresIsolationLevel = .readCommitted, _ body: (PostgresConnection) throws -> Value
    ) throws -> Value {
        guard transactionStatus == PQTRANS_IDLE else {
            throw PostgresError(kind: .query, message: "a transaction is already open on this connection", sqlState: "25001")
        }
        channelsToNotifyAfterCommit = []
        try execute("BEGIN ISOLATION LEVEL \(isolation.rawValue)")
        do {
            let value = try body(self)
            switch transactionStatus {
            case PQTRANS_INTRANS:
                try execute("COMMIT")
                sendNotificationsAfterCommit()
                return value
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
        } catch {
            channelsToNotifyAfterCommit = []
            rollBackIfOpen()
            throw error
        }
    }

    /// The transaction is committed whatever happens here: a notification that fails is logged,
    /// not thrown (the listener's poll makes up for it), and a broken connection is discarded.
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
    /// on its own, and the pool discards the connection.
    private func rollBackIfOpen() {
        guard transactionStatus != PQTRANS_IDLE, !isBroken else { return }
        do {
            try execute("ROLLBACK")
        } catch {
            logger.warning("ROLLBACK failed", metadata: ["postgres.error": "\(error)"])
        }
    }
}
