import Foundation

/// The one JSON configuration of message payloads, matching what Go's `encoding/json` writes and
/// reads for Watermill's CQRS JSON marshaler: times as `time.RFC3339Nano` in UTC (any RFC 3339
/// time accepted on input) and slashes left unescaped. Keys are sorted: Foundation's encoder
/// otherwise orders them differently from run to run, and equal messages should be equal bytes.
public enum MessageJSON {
    /// A new encoder with the message configuration, for callers that need their own instance.
    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            do {
                try container.encode(try RFC3339.string(from: date))
            } catch let error as RFC3339.YearOutOfRangeError {
                throw EncodingError.invalidValue(date, EncodingError.Context(codingPath: encoder.codingPath, debugDescription: error.description))
            }
        }
        return encoder
    }

    /// A new decoder with the message configuration, for callers that need their own instance.
    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = RFC3339.date(from: text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an RFC 3339 time: \(text)")
            }
            return date
        }
        return decoder
    }

    /// `value` as message JSON.
    public static func encode(_ value: some Encodable) throws -> Data {
        try encoder.encode(value)
    }

    /// A `type` read from message JSON.
    public static func decode<Value: Decodable>(_ type: Value.Type, from data: Data) throws -> Value {
        try decoder.decode(type, from: data)
    }

    // Shared instances: configured once here and never mutated, so concurrent use is safe.
    private static let encoder = makeEncoder()
    private static let decoder = makeDecoder()
}
