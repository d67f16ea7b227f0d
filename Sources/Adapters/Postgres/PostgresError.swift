import Entities

/// What went wrong talking to Postgres, with the context to act on it: the SQLSTATE and the
/// fields libpq reports, and the statement. `description` is safe to log: it never holds bound
/// parameters nor `detail` (which may quote row values such as an email).
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// The configuration is unusable (bad URL, bad sizes).
        case configuration
        /// No connection could be made, or it broke; the connection is discarded.
        case connection
        /// The server refused or failed the statement.
        case query
        /// A parameter could not be sent (text containing NUL).
        case encoding
        /// A result value could not be read as the Swift type asked for.
        case decoding
        /// No pooled connection became free within the acquire timeout.
        case poolTimeout
        /// The pool has been shut down.
        case poolClosed
    }

    public var kind: Kind
    /// The five-character SQLSTATE (`23505`), when the server sent one.
    public var sqlState: String?
    public var message: String
    public var detail: String?
    public var hint: String?
    /// The constraint that was violated, when the server names one.
    public var constraint: String?
    /// The table concerned, when the server names one.
    public var table: String?
    /// The statement (its SQL text, never its parameters).
    public var query: String?

    public init(
        kind: Kind, message: String, sqlState: String? = nil, detail: String? = nil, hint: String? = nil,
        constraint: String? = nil, table: String? = nil, query: String? = nil
    ) {
        self.kind = kind
        self.message = message
        self.sqlState = sqlState
        self.detail = detail
        self.hint = hint
        self.constraint = constraint
        self.table = table
        self.query = query
    }

    /// 23505: a unique or primary-key constraint refused the row (`constraint` says which).
    public var isUniqueViolation: Bool { sqlState == "23505" }

    /// 40001 (serialization failure) or 40P01 (deadlock): running the transaction again may succeed.
    public var isSerializationFailure: Bool { sqlState == "40001" || sqlState == "40P01" }

    public var isConnectionFailure: Bool { kind == .connection }

    public var description: String {
        var text = "Postgres \(kind.rawValue) error"
        if let sqlState { text += " \(sqlState)" }
        text += ": \(message)"
        if let constraint { text += " (constraint \(constraint))" }
        if let query { text += "; query: \(Self.abbreviated(query))" }
        return text
    }

    /// Migrations can be long; a log line needs their beginning only.
    private static func abbreviated(_ query: String, limit: Int = 500) -> String {
        query.count <= limit ? query : query.prefix(limit) + "…"
    }
}

extension PostgresError: TemporaryUnavailability {
    /// A pool wait that ran out (every connection busy), or Postgres out of reach for a moment:
    /// the connection broke or could not be made (class 08), or the server is shutting down or
    /// starting (57P01-57P03), as during a restart. The statement did not commit, so the client
    /// may simply try again; anything else is the service's own fault.
    public var isTemporaryUnavailability: Bool {
        switch kind {
        case .poolTimeout, .connection: true
        default: sqlState.map { $0.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains($0) } ?? false
        }
    }
}
