import CLibPQ

extension PostgresClient {
    /// Where the pool connects and how it behaves. Validated when made.
    public struct Configuration: Sendable {
        /// A libpq connection URI (`postgresql://user@host:port/database?options`) or
        /// `key=value` connection string.
        public let url: String
        /// Connections the pool opens at most (lazily), and threads it runs blocking calls on.
        public let poolSize: Int
        /// How long a caller waits for a free connection before `.poolTimeout`.
        public let acquireTimeout: Duration
        /// How long opening one connection may take (libpq counts whole seconds, at least 2).
        public let connectTimeout: Duration
        /// Shown in `pg_stat_activity`; overrides one given in the URL.
        public let applicationName: String
        /// How transactions are rerun after serialization failures and deadlocks.
        public let transactionRetry: PostgresRetryPolicy
        /// Longest a statement may run before the server cancels it (SQLSTATE 57014), so that a
        /// stuck lock wait or runaway query frees its connection; nil lets statements run forever.
        public let statementTimeout: Duration?

        public init(
            url: String, poolSize: Int = 10, acquireTimeout: Duration = .seconds(5),
            connectTimeout: Duration = .seconds(5), applicationName: String = "svc-tickets",
            transactionRetry: PostgresRetryPolicy = PostgresRetryPolicy(), statementTimeout: Duration? = .seconds(60)
        ) throws {
            try Self.validate(url: url)
            guard poolSize > 0 else {
                throw PostgresError(kind: .configuration, message: "the pool size must be at least 1, not \(poolSize)")
            }
            guard acquireTimeout > .zero, connectTimeout > .zero, statementTimeout.map({ $0 >= .milliseconds(1) }) ?? true else {
                throw PostgresError(kind: .configuration, message: "the acquire, connect and statement timeouts must be positive")
            }
            self.url = url
            self.poolSize = poolSize
            self.acquireTimeout = acquireTimeout
            self.connectTimeout = connectTimeout
            self.applicationName = applicationName
            self.transactionRetry = transactionRetry
            self.statementTimeout = statementTimeout
        }

        /// libpq's own parser decides; its message says what is wrong without echoing a password.
        private static func validate(url: String) throws {
            guard !url.isEmpty else {
                throw PostgresError(kind: .configuration, message: "the Postgres URL is empty")
            }
            var errorMessage: UnsafeMutablePointer<CChar>?
            guard let options = PQconninfoParse(url, &errorMessage) else {
                let reason = errorMessage.map { String(cString: $0).trimmingTrailingWhitespace() } ?? "out of memory"
                PQfreemem(errorMessage)
                throw PostgresError(kind: .configuration, message: "invalid Postgres URL: \(reason)")
            }
            PQconninfoFree(options)
        }

        /// The keywords and values for `PQconnectdbParams`: the URL first (expanded), then the
        /// settings that must win over it.
        var connectionKeywords: [(String, String)] {
            let timeoutSeconds = max(2, connectTimeout.components.seconds + (connectTimeout.components.attoseconds > 0 ? 1 : 0))
            return [
                ("dbname", url),
                ("application_name", applicationName),
                ("connect_timeout", String(timeoutSeconds)),
                ("client_encoding", "UTF8"),
                // A server that vanished without closing the socket is noticed within a minute.
                ("keepalives", "1"),
                ("keepalives_idle", "30"),
                ("keepalives_interval", "10"),
                ("keepalives_count", "3"),
            ]
        }
    }
}

extension String {
    func trimmingTrailingWhitespace() -> String {
        var text = Substring(self)
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
