import CLibPQ

/// One statement as the connection sends it: its SQL, its bound parameters and, when this
/// connection has prepared it, the prepared statement's name (then the server skips parsing and
/// planning it again).
struct PostgresStatement {
    let sql: String
    let parameters: BoundParameters
    let preparedName: String?

    /// Transaction control (BEGIN, COMMIT): parsed each time, as preparing it saves nothing.
    static func control(_ sql: String) -> PostgresStatement {
        PostgresStatement(sql: sql, parameters: BoundParameters(), preparedName: nil)
    }

    /// Queues the statement on `handle`; false when libpq could not (the connection is broken).
    func send(on handle: OpaquePointer) -> Bool {
        parameters.withLibPQArrays { types, values, lengths, formats in
            if let preparedName {
                PQsendQueryPrepared(handle, preparedName, parameters.count, values, lengths, formats, 0)
            } else {
                PQsendQueryParams(handle, sql, parameters.count, types, values, lengths, formats, 0)
            }
        } == 1
    }
}
