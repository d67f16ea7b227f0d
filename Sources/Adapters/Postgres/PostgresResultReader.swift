import CLibPQ

/// Reads a `PGresult` into Swift values: rows, or the error it reports.
enum PostgresResultReader {
    static func rows(of result: OpaquePointer) -> PostgresRows {
        let rowCount = Int(PQntuples(result))
        let columnCount = Int(PQnfields(result))
        let columns = (0..<columnCount).map { column in
            PostgresColumn(
                name: String(cString: PQfname(result, Int32(column))),
                type: PostgresDataType(rawValue: PQftype(result, Int32(column))))
        }
        var values: [String?] = []
        values.reserveCapacity(rowCount * columnCount)
        for row in 0..<Int32(rowCount) {
            for column in 0..<Int32(columnCount) {
                guard PQgetisnull(result, row, column) == 0 else {
                    values.append(nil)
                    continue
                }
                let bytes = UnsafeRawBufferPointer(start: PQgetvalue(result, row, column), count: Int(PQgetlength(result, row, column)))
                values.append(String(decoding: bytes, as: UTF8.self))
            }
        }
        let commandTag = String(cString: PQcmdStatus(result))
        return PostgresRows(
            columns: columns, values: values, rowCount: rowCount, commandTag: commandTag,
            affectedRows: Int(String(cString: PQcmdTuples(result))) ?? 0)
    }

    static func error(of result: OpaquePointer, query: String?) -> PostgresError {
        let message = field(.messagePrimary, of: result)
            ?? String(cString: PQresultErrorMessage(result)).trimmingTrailingWhitespace()
        return PostgresError(
            kind: .query, message: message.isEmpty ? "unknown error" : message,
            sqlState: field(.sqlState, of: result), detail: field(.detail, of: result), hint: field(.hint, of: result),
            constraint: field(.constraintName, of: result), table: field(.tableName, of: result), query: query)
    }

    static func isError(_ status: ExecStatusType) -> Bool {
        status == PGRES_FATAL_ERROR || status == PGRES_NONFATAL_ERROR || status == PGRES_BAD_RESPONSE
    }

    /// FATAL and PANIC errors end the session: the server closes the connection after sending them.
    static func endsSession(_ result: OpaquePointer) -> Bool {
        switch field(.severity, of: result) {
        case "FATAL", "PANIC": true
        default: false
        }
    }

    /// The `PG_DIAG_*` codes, which Swift cannot import (they are character-literal macros).
    private enum Field: Character {
        case severity = "V"
        case sqlState = "C"
        case messagePrimary = "M"
        case detail = "D"
        case hint = "H"
        case tableName = "t"
        case constraintName = "n"
    }

    private static func field(_ field: Field, of result: OpaquePointer) -> String? {
        PQresultErrorField(result, Int32(field.rawValue.asciiValue!)).map { String(cString: $0) }
    }
}
