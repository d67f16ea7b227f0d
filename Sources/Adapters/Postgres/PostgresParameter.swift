/// One bound parameter as libpq sends it: the type Postgres is told, the wire format and the bytes.
public struct PostgresParameter: Sendable {
    /// How `bytes` are to be read by the server.
    public enum Format: Int32, Sendable {
        /// The type's text form (what `psql` prints). libpq sends it NUL-terminated.
        case text = 0
        /// The type's binary form (network byte order).
        case binary = 1
    }

    public var type: PostgresDataType
    public var format: Format
    /// The value; `nil` is SQL NULL.
    public var bytes: [UInt8]?

    public init(type: PostgresDataType, format: Format, bytes: [UInt8]?) {
        self.type = type
        self.format = format
        self.bytes = bytes
    }

    /// SQL NULL, typed so that Postgres resolves the parameter as it would a value.
    public static func null(_ type: PostgresDataType) -> PostgresParameter {
        PostgresParameter(type: type, format: .text, bytes: nil)
    }

    static func binary<Integer: FixedWidthInteger>(_ value: Integer, as type: PostgresDataType) -> PostgresParameter {
        let bigEndian = value.bigEndian
        return PostgresParameter(type: type, format: .binary, bytes: withUnsafeBytes(of: bigEndian) { Array($0) })
    }
}
