/// A Postgres type, by its OID, as it appears on bound parameters and result columns.
public struct PostgresDataType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt32

    public init(rawValue: UInt32) {
        self.rawValue = rawValue
    }

    /// No type given: Postgres infers it from where the parameter is used.
    public static let unspecified = PostgresDataType(rawValue: 0)
    public static let bool = PostgresDataType(rawValue: 16)
    public static let bytea = PostgresDataType(rawValue: 17)
    public static let char = PostgresDataType(rawValue: 18)
    public static let name = PostgresDataType(rawValue: 19)
    public static let int8 = PostgresDataType(rawValue: 20)
    public static let int2 = PostgresDataType(rawValue: 21)
    public static let int4 = PostgresDataType(rawValue: 23)
    public static let text = PostgresDataType(rawValue: 25)
    public static let json = PostgresDataType(rawValue: 114)
    public static let xml = PostgresDataType(rawValue: 142)
    public static let float4 = PostgresDataType(rawValue: 700)
    public static let float8 = PostgresDataType(rawValue: 701)
    public static let unknown = PostgresDataType(rawValue: 705)
    public static let bpchar = PostgresDataType(rawValue: 1042)
    public static let varchar = PostgresDataType(rawValue: 1043)
    public static let timestamp = PostgresDataType(rawValue: 1114)
    public static let timestamptz = PostgresDataType(rawValue: 1184)
    public static let numeric = PostgresDataType(rawValue: 1700)
    public static let uuid = PostgresDataType(rawValue: 2950)
    public static let jsonb = PostgresDataType(rawValue: 3802)

    /// Types created in the database (enums, extensions such as citext) get OIDs from here on.
    static let firstUserDefinedOID: UInt32 = 16384

    public var isUserDefined: Bool { rawValue >= Self.firstUserDefinedOID }

    public var description: String {
        Self.names[self] ?? "oid \(rawValue)"
    }

    private static let names: [PostgresDataType: String] = [
        .unspecified: "unspecified", .bool: "bool", .bytea: "bytea", .char: "char", .name: "name",
        .int8: "int8", .int2: "int2", .int4: "int4", .text: "text", .json: "json", .xml: "xml",
        .float4: "float4", .float8: "float8", .unknown: "unknown", .bpchar: "bpchar",
        .varchar: "varchar", .timestamp: "timestamp", .timestamptz: "timestamptz",
        .numeric: "numeric", .uuid: "uuid", .jsonb: "jsonb",
    ]
}
