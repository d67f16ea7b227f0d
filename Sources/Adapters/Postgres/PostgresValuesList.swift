/// The placeholders of a multi-row `VALUES` list: `($1, $2), ($3, $4)` for two rows of two
/// columns. Only placeholders are built into the SQL; the values are always bound.
enum PostgresValuesList {
    static func placeholders(rows: Int, columns: Int) -> String {
        (0..<rows).map { row in
            "(" + (1...columns).map { "$\(row * columns + $0)" }.joined(separator: ", ") + ")"
        }.joined(separator: ", ")
    }
}
