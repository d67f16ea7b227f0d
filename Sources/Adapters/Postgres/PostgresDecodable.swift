import Foundation

/// A Swift type a result value can be decoded into. Decoding checks the column's type and
/// refuses NULL (decode an Optional to accept it); either failure is a `.decoding` error
/// naming the column.
public protocol PostgresDecodable: Sendable {
    static func decode(from cell: PostgresCell) throws -> Self
}

/// Any textual value: text, varchar, char(n), name, numeric (exactly as Postgres prints it,
/// `100.00` for 100 in a numeric(10,2)), json, jsonb, xml, and types created in the database
/// (enums, citext).
extension String: PostgresDecodable {
    private static let textualTypes: Set<PostgresDataType> = [
        .text, .varchar, .bpchar, .name, .char, .numeric, .json, .jsonb, .xml, .unknown,
    ]

    public static func decode(from cell: PostgresCell) throws -> String {
        try cell.requireText(where: { textualTypes.contains($0) || $0.isUserDefined }, decodingAs: Self.self)
    }
}

extension UUID: PostgresDecodable {
    public static func decode(from cell: PostgresCell) throws -> UUID {
        let text = try cell.requireText(ofTypes: [.uuid], decodingAs: Self.self)
        guard let uuid = UUID(uuidString: text) else { throw cell.malformed(as: Self.self) }
        return uuid
    }
}

extension Int: PostgresDecodable {
    public static func decode(from cell: PostgresCell) throws -> Int {
        try decodeInteger(from: cell, acceptedTypes: [.int2, .int4, .int8])
    }
}

extension Int64: PostgresDecodable {
    public static func decode(from cell: PostgresCell) throws -> Int64 {
        try decodeInteger(from: cell, acceptedTypes: [.int2, .int4, .int8])
    }
}

extension Int32: PostgresDecodable {
    public static func decode(from cell: PostgresCell) throws -> Int32 {
        try decodeInteger(from: cell, acceptedTypes: [.int2, .int4])
    }
}

private func decodeInteger<Integer: FixedWidthInteger>(from cell: PostgresCell, acceptedTypes: Set<PostgresDataType>) throws -> Integer {
    let text = try cell.requireText(ofTypes: acceptedTypes, decodingAs: Integer.self)
    guard let value = Integer(text) else { throw cell.malformed(as: Integer.self) }
    return value
}

extension Bool: PostgresDecodable {
    public static func decode(from cell: PostgresCell) throws -> Bool {
        switch try cell.requireText(ofTypes: [.bool], decodingAs: Self.self) {
        case "t": true
        case "f": false
        default: throw cell.malformed(as: Self.self)
        }
    }
}

extension Double: PostgresDecodable {
    public static func decode(from cell: PostgresCell) throws -> Double {
        switch try cell.requireText(ofTypes: [.float4, .float8], decodingAs: Self.self) {
        case "NaN": return .nan
        case "Infinity": return .infinity
        case "-Infinity": return -.infinity
        case let text:
            guard let value = Double(text) else { throw cell.malformed(as: Self.self) }
            return value
        }
    }
}

/// `timestamptz` to the microsecond; a `timestamp` (without time zone) is read as UTC.
/// `infinity` and `-infinity` become `Date.distantFuture` and `Date.distantPast`.
extension Date: PostgresDecodable {
    public static func decode(from cell: PostgresCell) throws -> Date {
        let text = try cell.requireText(ofTypes: [.timestamptz, .timestamp], decodingAs: Self.self)
        guard let date = PostgresTimestamp.parse(text) else { throw cell.malformed(as: Self.self) }
        return date
    }
}

/// The bytes of a `bytea`, or the UTF-8 text of a `json`/`jsonb` document.
extension Data: PostgresDecodable {
    public static func decode(from cell: PostgresCell) throws -> Data {
        let text = try cell.requireText(ofTypes: [.bytea, .json, .jsonb], decodingAs: Self.self)
        guard cell.column.type == .bytea else { return Data(text.utf8) }
        guard let bytes = PostgresByteaHex.decode(text) else { throw cell.malformed(as: Self.self) }
        return bytes
    }
}

/// NULL becomes `nil`; any other value decodes as `Wrapped`.
extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    public static func decode(from cell: PostgresCell) throws -> Wrapped? {
        cell.isNull ? nil : try Wrapped.decode(from: cell)
    }
}
