import CLibPQ

/// The statements one connection has prepared, by SQL text and parameter types. The service's
/// SQL is constant text (SQLConstructionLintTests), so the set stays small; the multi-row inserts
/// whose text varies with their row count stop being prepared once `capacity` is reached.
struct PreparedStatementNames {
    static let capacity = 256

    struct Key: Hashable {
        let sql: String
        let types: [Oid]
    }

    private var names: [Key: String] = [:]
    private var prepared = 0

    func name(of key: Key) -> String? {
        names[key]
    }

    /// A fresh name for `key`, or nil when the connection holds as many as it may.
    mutating func newName() -> String? {
        guard names.count < Self.capacity else { return nil }
        prepared += 1
        return "tickets_\(prepared)"
    }

    mutating func remember(_ name: String, for key: Key) {
        names[key] = name
    }

    /// After the server lost or invalidated a prepared statement (26000, 0A000): prepare anew.
    /// Names are never reused, so stale ones left on the server cannot clash.
    mutating func forgetAll() {
        names = [:]
    }
}
