import Foundation

/// A JSON document bound as `jsonb` (and decoded from `json`/`jsonb`), kept as the UTF-8 text
/// Postgres receives and prints. Postgres validates it on the way in.
public struct PostgresJSON: Sendable, Hashable {
    /// The document's UTF-8 bytes.
    public var data: Data

    public init(data: Data) {
        self.data = data
    }

    public init(_ text: String) {
        self.data = Data(text.utf8)
    }

    /// Encodes `value` with `encoder`.
    public init(encoding value: some Encodable, using encoder: JSONEncoder = JSONEncoder()) throws {
        self.data = try encoder.encode(value)
    }

    public var text: String { String(decoding: data, as: UTF8.self) }

    /// Decodes the document into `type` with `decoder`.
    public func decode<Value: Decodable>(_ type: Value.Type, using decoder: JSONDecoder = JSONDecoder()) throws -> Value {
        try decoder.decode(type, from: data)
    }
}

extension PostgresJSON: PostgresEncodable {
    public static var postgresType: PostgresDataType { .jsonb }

    public var postgresParameter: PostgresParameter {
        PostgresParameter(type: Self.postgresType, format: .text, bytes: Array(data))
    }
}

extension PostgresJSON: PostgresDecodable {
    public static func decode(from cell: PostgresCell) throws -> PostgresJSON {
        PostgresJSON(try cell.requireText(ofTypes: [.json, .jsonb], decodingAs: Self.self))
    }
}
