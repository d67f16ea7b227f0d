import Foundation

/// A Swift value that can be bound as a query parameter (`$1`, `$2`, ...). Parameters always
/// travel separately from the SQL text, so no value is ever interpreted as SQL.
public protocol PostgresEncodable: Sendable {
    /// The type Postgres is told the parameter has, also when the value is NULL.
    static var postgresType: PostgresDataType { get }

    var postgresParameter: PostgresParameter { get }
}

/// Bound untyped (`unspecified`): Postgres gives the parameter the type its position asks for,
/// so a decimal string goes into a `numeric` column and a code into a `char(3)` one. Where the
/// position does not decide (`$1 || $2`), cast in SQL: `$1::text`.
extension String: PostgresEncodable {
    public static var postgresType: PostgresDataType { .unspecified }

    public var postgresParameter: PostgresParameter {
        PostgresParameter(type: Self.postgresType, format: .text, bytes: Array(utf8))
    }
}

extension UUID: PostgresEncodable {
    public static var postgresType: PostgresDataType { .uuid }

    public var postgresParameter: PostgresParameter {
        PostgresParameter(type: Self.postgresType, format: .binary, bytes: withUnsafeBytes(of: uuid) { Array($0) })
    }
}

extension Int: PostgresEncodable {
    public static var postgresType: PostgresDataType { .int8 }

    public var postgresParameter: PostgresParameter { .binary(Int64(self), as: Self.postgresType) }
}

extension Int64: PostgresEncodable {
    public static var postgresType: PostgresDataType { .int8 }

    public var postgresParameter: PostgresParameter { .binary(self, as: Self.postgresType) }
}

extension Int32: PostgresEncodable {
    public static var postgresType: PostgresDataType { .int4 }

    public var postgresParameter: PostgresParameter { .binary(self, as: Self.postgresType) }
}

extension Bool: PostgresEncodable {
    public static var postgresType: PostgresDataType { .bool }

    public var postgresParameter: PostgresParameter {
        PostgresParameter(type: Self.postgresType, format: .binary, bytes: [self ? 1 : 0])
    }
}

extension Double: PostgresEncodable {
    public static var postgresType: PostgresDataType { .float8 }

    public var postgresParameter: PostgresParameter { .binary(bitPattern, as: Self.postgresType) }
}

/// Bound as `timestamptz`, at the microsecond precision Postgres keeps.
extension Date: PostgresEncodable {
    public static var postgresType: PostgresDataType { .timestamptz }

    public var postgresParameter: PostgresParameter {
        .binary(PostgresTimestamp.microsecondsSincePostgresEpoch(of: self), as: Self.postgresType)
    }
}

/// Bound as `bytea`, sent as is (binary format, no escaping).
extension Data: PostgresEncodable {
    public static var postgresType: PostgresDataType { .bytea }

    public var postgresParameter: PostgresParameter {
        PostgresParameter(type: Self.postgresType, format: .binary, bytes: Array(self))
    }
}

/// `nil` is bound as SQL NULL of the wrapped type.
extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    public static var postgresType: PostgresDataType { Wrapped.postgresType }

    public var postgresParameter: PostgresParameter {
        switch self {
        case .some(let value): value.postgresParameter
        case .none: .null(Wrapped.postgresType)
        }
    }
}
