import CLibPQ
import Foundation
import Logging

/// One libpq connection (`PGconn`), owned by a pool slot or by a listener's thread and used by
/// one thread at a time. Every method blocks: call them only on a `BlockingExecutor` thread
/// (inside `PostgresClient.withConnection`/`transaction`) or on a thread of their own.
///
/// Parameters are always bound, never spliced into the SQL; each SQL text is prepared once per
/// connection; results come in text format and are copied out at once.
public final class PostgresConnection {
    let handle: OpaquePointer
    let logger: Logger
    /// The server's announcement that it is closing this session (a FATAL error such as 57P01
    /// after `pg_terminate_backend`), kept because libpq may report only the closed socket.
    private var sessionEnd: PostgresError?
    /// Set after a protocol state this driver does not drive (COPY), or by `discardAfterUse()`,
    /// so the connection is not reused.
    private var unusable = false
    /// Channels to notify once the open transaction commits (`notifyAfterCommit`), in order.
    var channelsToNotifyAfterCommit: [String] = []
    /// The open transaction's BEGIN until it travels with the transaction's first statement
    /// (while it is here, nothing of the transaction has reached the server).
    var pendingBegin: PostgresStatement?
    /// `executeDeferred`'s statements, until the next statement or COMMIT.
    var deferred: [PostgresStatement] = []
    private var preparedNames = PreparedStatementNames()

    /// Session settings the decoders rely on, whatever the server's defaults: ISO dates, hex
    /// bytea, shortest exact floats, UTC (for `timestamp` columns and printed times).
    private static let sessionSetup =
        "SET DateStyle = 'ISO, MDY'; SET bytea_output = 'hex'; SET extra_float_digits = 3; SET TimeZone = 'UTC'"

    private init(handle: OpaquePointer, logger: Logger) {
        self.handle = handle
        self.logger = logger
        PQsetNoticeReceiver(handle, { context, result in
            guard let context, let result else { return }
            Unmanaged<PostgresConnection>.fromOpaque(context).takeUnretainedValue().receiveNotice(result)
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    deinit {
        PQfinish(handle)
    }

    /// Opens a connection (blocking up to the connect timeout) and prepares its session.
    static func connect(configuration: PostgresClient.Configuration, logger: Logger) throws -> PostgresConnection {
        let keywords = configuration.connectionKeywords
        let handle = withCStringArray(keywords.map(\.0)) { keys in
            withCStringArray(keywords.map(\.1)) { values in
                PQconnectdbParams(keys, values, 1)
            }
        }
        guard let handle else {
            throw PostgresError(kind: .connection, message: "libpq could not allocate a connection")
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(handle)).trimmingTrailingWhitespace()
            PQfinish(handle)
            throw PostgresError(kind: .connection, message: "could not connect: \(message)")
        }
        let connection = PostgresConnection(handle: handle, logger: logger)
        try connection.executeScript(sessionSetup)
        if let timeout = configuration.statementTimeout {
            let milliseconds = timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000
            try connection.query("SELECT set_config('statement_timeout', $1, false)", [String(milliseconds)])
        }
        return connection
    }

    /// Runs one statement with bound parameters and returns its rows. Statements deferred by the
    /// open transaction (its BEGIN, `executeDeferred`) go first, in the same round trip.
    @discardableResult
    public func query(_ sql: String, _ parameters: [any PostgresEncodable] = []) throws -> PostgresRows {
        let statement = try prepared(sql, parameters)
        guard pendingBegin == nil, deferred.isEmpty else { return try sendUnsent(then: [statement])[0] }
        return try run(statement)
    }

    /// Sends one statement on its own and waits for its rows.
    @discardableResult
    func run(_ statement: PostgresStatement) throws -> PostgresRows {
        try rows(of: outcome(sent: statement.send(on: handle)), query: statement.sql)
    }

    /// Runs a statement whose result the caller does not need in the open transaction's next round
    /// trip (its next statement, or its COMMIT), so it costs no round trip of its own. Its error,
    /// if any, is thrown there and fails the transaction. Outside a transaction it runs at once.
    public func executeDeferred(_ sql: String, _ parameters: [any PostgresEncodable] = []) throws {
        guard isInTransaction else {
            try execute(sql, parameters)
            return
        }
        deferred.append(try prepared(sql, parameters))
    }

    /// Sends the pending BEGIN, the deferred statements and `statements` in one pipeline; throws
    /// the first error, else returns the rows of `statements`.
    func sendUnsent(then statements: [PostgresStatement]) throws -> [PostgresRows] {
        Array(try pipelineUnsent(then: statements).map { try $0.get() }.suffix(statements.count))
    }

    /// Sends the pending BEGIN, the deferred statements and `statements` in one pipeline and
    /// returns every result.
    func pipelineUnsent(then statements: [PostgresStatement]) throws -> [Result<PostgresRows, any Error>] {
        let batch = (pendingBegin.map { [$0] } ?? []) + deferred + statements
        pendingBegin = nil
        deferred = []
        return try pipeline(batch)
    }

    /// The statement, bound and prepared on this connection (the first use of a SQL text costs a
    /// round trip to prepare it; every later one skips the server's parse and plan).
    func prepared(_ sql: String, _ parameters: [any PostgresEncodable]) throws -> PostgresStatement {
        let bound = try BoundParameters(parameters.map(\.postgresParameter), query: sql)
        let key = PreparedStatementNames.Key(sql: sql, types: bound.types)
        if let name = preparedNames.name(of: key) {
            return PostgresStatement(sql: sql, parameters: bound, preparedName: name)
        }
        guard let name = preparedNames.newName() else {
            return PostgresStatement(sql: sql, parameters: bound, preparedName: nil)
        }
        let sent = bound.types.withUnsafeBufferPointer { types in
            PQsendPrepare(handle, name, sql, bound.count, types.baseAddress)
        }
        try rows(of: outcome(sent: sent == 1), query: sql)
        preparedNames.remember(name, for: key)
        return PostgresStatement(sql: sql, parameters: bound, preparedName: name)
    }

    /// Runs one statement with bound parameters and returns how many rows it affected.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [any PostgresEncodable] = []) throws -> Int {
        try query(sql, parameters).affectedRows
    }

    /// Runs SQL holding several statements separated by semicolons (a migration, say), without
    /// parameters. They run in one implicit transaction unless a transaction is already open.
    public func executeScript(_ sql: String) throws {
        if pendingBegin != nil || !deferred.isEmpty { try sendUnsent(then: []) }
        try rows(of: outcome(sent: PQsendQuery(handle, sql) == 1), query: sql)
    }

    /// Sends `payload` to the listeners of `channel` (`pg_notify`); inside a transaction it is
    /// delivered at commit, and not at all on rollback.
    public func notify(channel: String, payload: String) throws {
        try query("SELECT pg_notify($1::text, $2::text)", [channel, payload])
    }

    /// Notifies `channel` (empty payload) right after the open transaction commits, once however
    /// often it is asked; not at all if it rolls back. Outside a transaction it notifies at once.
    ///
    /// Why not `notify` inside the transaction: a transaction that NOTIFYs holds Postgres's
    /// notification-queue lock from its commit until the commit is flushed to disk, so every
    /// notifying writer commits one after the other, each waiting for its own flush (`make bench`
    /// measured 4x fewer bookings per second). Sent after COMMIT, in a transaction of its own that
    /// does not wait for the disk, the lock is held for microseconds. A notification lost to a
    /// crash right after the commit is made up by the listener's poll.
    public func notifyAfterCommit(channel: String) throws {
        guard isInTransaction else {
            try notifyWithoutWaitingForDisk(channel: channel)
            return
        }
        if !channelsToNotifyAfterCommit.contains(channel) {
            channelsToNotifyAfterCommit.append(channel)
        }
    }

    /// One statement, so one implicit transaction: the local setting applies to its commit only.
    func notifyWithoutWaitingForDisk(channel: String) throws {
        try query(Self.notifySQL, [channel])
    }

    /// The same notification as a statement, to send right after a COMMIT in its round trip
    /// (there it runs in an implicit transaction of its own, which the local setting applies to).
    func notificationWithoutWaitingForDisk(_ channel: String) throws -> PostgresStatement {
        try prepared(Self.notifySQL, [channel])
    }

    private static let notifySQL = "SELECT set_config('synchronous_commit', 'off', true), pg_notify($1::text, '')"

    /// The connection cannot be used any more: libpq lost it, the server ended the session, or
    /// it was left in a state this driver does not drive.
    var isBroken: Bool {
        PQstatus(handle) != CONNECTION_OK || sessionEnd != nil || unusable
    }

    /// Checks an idle connection before it is lent out: the server may have closed it meanwhile
    /// (`pg_terminate_backend`, restart). Anything waiting on the socket is read, which is how
    /// libpq learns of the server's goodbye.
    func isClosedWhileIdle() -> Bool {
        guard !isBroken else { return true }
        var descriptor = pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, 0) > 0 else { return false }
        // PQisBusy parses what PQconsumeInput read, so that a FATAL goodbye reaches the notice receiver.
        return PQconsumeInput(handle) == 0 || PQisBusy(handle) != 0 || isBroken
    }

    /// Asks the pool to close this connection instead of lending it again, which ends its
    /// session and whatever that session still holds (advisory locks, settings).
    func discardAfterUse() {
        unusable = true
    }

    var transactionStatus: PGTransactionStatusType { PQtransactionStatus(handle) }

    /// A transaction is open, whether or not its BEGIN has reached the server yet.
    var isInTransaction: Bool { pendingBegin != nil || transactionStatus != PQTRANS_IDLE }

    /// Collects the results of the statement just sent, as `PQexec` does, except that the first
    /// error is kept: when the server ends the session, its FATAL reason (57P01...) comes before
    /// libpq's own "server closed the connection", which `PQexec` would report instead.
    private func outcome(sent: Bool) -> OpaquePointer? {
        guard sent else { return nil }
        var kept: OpaquePointer?
        while let result = PQgetResult(handle) {
            let status = PQresultStatus(result)
            if let kept, PostgresResultReader.isError(PQresultStatus(kept)) {
                PQclear(result)
            } else {
                PQclear(kept)
                kept = result
            }
            if status == PGRES_COPY_IN || status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH || PQstatus(handle) == CONNECTION_BAD {
                break
            }
        }
        return kept
    }

    @discardableResult
    func rows(of result: OpaquePointer?, query: String) throws -> PostgresRows {
        guard let result else {
            var error = sessionEnd ?? PostgresError(kind: .query, message: lastErrorMessage)
            error.kind = isBroken ? .connection : .query
            error.query = query
            throw error
        }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_TUPLES_OK, PGRES_COMMAND_OK, PGRES_EMPTY_QUERY:
            return PostgresResultReader.rows(of: result)
        case PGRES_PIPELINE_ABORTED:
            throw PostgresError(kind: .query, message: "not run: a statement sent before it in the same round trip failed", query: query)
        case PGRES_COPY_IN, PGRES_COPY_OUT, PGRES_COPY_BOTH:
            unusable = true
            throw PostgresError(kind: .query, message: "COPY is not supported by this driver", query: query)
        default:
            let error = PostgresResultReader.error(of: result, query: query)
            // The server lost or invalidated a prepared statement (DISCARD, a changed table).
            if error.sqlState == "26000" || error.sqlState == "0A000" { preparedNames.forgetAll() }
            if PostgresResultReader.endsSession(result) { sessionEnd = error }
            guard isBroken else { throw error }
            // The server's own reason beats libpq's "server closed the connection unexpectedly".
            var connectionError = error.sqlState == nil ? sessionEnd ?? error : error
            connectionError.kind = .connection
            connectionError.query = query
            throw connectionError
        }
    }

    var lastErrorMessage: String {
        String(cString: PQerrorMessage(handle)).trimmingTrailingWhitespace()
    }

    /// Why the connection broke: the server's own reason when it sent one, else libpq's.
    var failureReason: String {
        sessionEnd.map { "\($0.message) (\($0.sqlState ?? "no SQLSTATE"))" } ?? lastErrorMessage
    }

    private func receiveNotice(_ result: OpaquePointer) {
        let notice = PostgresResultReader.error(of: result, query: nil)
        if PostgresResultReader.endsSession(result) {
            sessionEnd = notice
            logger.warning("Postgres ended the session", metadata: ["postgres.message": "\(notice.message)"])
        } else {
            logger.debug("Postgres notice", metadata: [
                "postgres.sqlstate": "\(notice.sqlState ?? "")", "postgres.message": "\(notice.message)",
            ])
        }
    }
}

/// Runs `body` with a C array of C strings that lives as long as the call.
private func withCStringArray<Result>(
    _ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> Result
) -> Result {
    let duplicates = strings.map { UnsafePointer(strdup($0)) } + [nil]
    defer { duplicates.forEach { free(UnsafeMutablePointer(mutating: $0)) } }
    return duplicates.withUnsafeBufferPointer { body($0.baseAddress!) }
}
