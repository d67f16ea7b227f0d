/// A result column: its name and type.
public struct PostgresColumn: Sendable, Hashable {
    public let name: String
    public let type: PostgresDataType

    public init(name: String, type: PostgresDataType) {
        self.name = name
        self.type = type
    }
}

/// The rows a statement returned, copied out of libpq (text format), addressable by index;
/// each row's columns by index or name.
public struct PostgresRows: Sendable, RandomAccessCollection {
    public let columns: [PostgresColumn]
    /// What the server reported: `INSERT 0 3`, `UPDATE 2`, `SELECT 1`...
    public let commandTag: String
    /// Rows inserted, updated, deleted, selected... as the command tag counts them (0 when it does not).
    public let affectedRows: Int
    /// Row-major: the value of row r, column c is at `r * columns.count + c`; `nil` is NULL.
    private let values: [String?]
    private let rowCount: Int
    private let columnIndexByName: [String: Int]

    init(columns: [PostgresColumn], values: [String?], rowCount: Int, commandTag: String, affectedRows: Int) {
        self.columns = columns
        self.values = values
        self.rowCount = rowCount
        self.commandTag = commandTag
        self.affectedRows = affectedRows
        // A name used twice (`SELECT 1 AS a, 2 AS a`) addresses its first column, as in SQL.
        self.columnIndexByName = Dictionary(columns.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { rowCount }

    public subscript(position: Int) -> PostgresRow {
        precondition(indices.contains(position), "row \(position) out of range (\(rowCount) rows)")
        return PostgresRow(rows: self, index: position)
    }

    func cell(row: Int, column: Int) throws -> PostgresCell {
        guard columns.indices.contains(column) else {
            throw PostgresError(kind: .decoding, message: "no column at index \(column) (the result has \(columns.count))")
        }
        return PostgresCell(text: values[row * columns.count + column], column: columns[column], columnIndex: column)
    }

    func columnIndex(named name: String) throws -> Int {
        guard let index = columnIndexByName[name] else {
            let available = columns.map(\.name).joined(separator: ", ")
            throw PostgresError(kind: .decoding, message: "no column named \"\(name)\" (the result has: \(available))")
        }
        return index
    }
}

/// One row of `PostgresRows`.
public struct PostgresRow: Sendable {
    private let rows: PostgresRows
    private let index: Int

    init(rows: PostgresRows, index: Int) {
        self.rows = rows
        self.index = index
    }

    public var columns: [PostgresColumn] { rows.columns }

    public func cell(at column: Int) throws -> PostgresCell {
        try rows.cell(row: index, column: column)
    }

    public func cell(named column: String) throws -> PostgresCell {
        try rows.cell(row: index, column: rows.columnIndex(named: column))
    }

    /// The value of the column at `column` (0-based) as `Value`; use an Optional to accept NULL.
    public func decode<Value: PostgresDecodable>(_ type: Value.Type = Value.self, at column: Int) throws -> Value {
        try Value.decode(from: cell(at: column))
    }

    /// The value of the column named `column` as `Value`; use an Optional to accept NULL.
    public func decode<Value: PostgresDecodable>(_ type: Value.Type = Value.self, column: String) throws -> Value {
        try Value.decode(from: cell(named: column))
    }
}

/// One value of a result, in Postgres' text format, with the column it came from so that
/// decoding errors can name it.
public struct PostgresCell: Sendable {
    /// The value as Postgres prints it; `nil` is NULL.
    public let text: String?
    public let column: PostgresColumn
    public let columnIndex: Int

    public var isNull: Bool { text == nil }

    /// The text of a non-NULL value of one of `types`, or the error saying why there is none.
    public func requireText<Value>(ofTypes types: Set<PostgresDataType>, decodingAs valueType: Value.Type) throws -> String {
        try requireText(where: types.contains, decodingAs: valueType)
    }

    /// The text of a non-NULL value whose type `accepts`, or the error saying why there is none.
    public func requireText<Value>(where accepts: (PostgresDataType) -> Bool, decodingAs valueType: Value.Type) throws -> String {
        guard accepts(column.type) else {
            throw decodingError("of type \(column.type) cannot be decoded as \(valueType)")
        }
        guard let text else {
            throw decodingError("is NULL; decode it as \(valueType)? to accept NULL")
        }
        return text
    }

    /// The error for a value whose text does not parse as `valueType`. The value is left out:
    /// it may be personal data.
    public func malformed<Value>(as valueType: Value.Type) -> PostgresError {
        decodingError("holds a \(column.type) value that is not a valid \(valueType)")
    }

    private func decodingError(_ problem: String) -> PostgresError {
        PostgresError(kind: .decoding, message: "column \"\(column.name)\" (index \(columnIndex)) \(problem)")
    }
}
