import Foundation

/// Codes a UUID as its lowercase string, the form Go's `google/uuid` writes and the contract uses
/// on the wire. Foundation's own `UUID` coding writes uppercase, so every UUID field of a message
/// carries this wrapper. Decoding accepts either case.
@propertyWrapper
public struct LowercaseUUID: Sendable, Hashable, Codable {
    public var wrappedValue: UUID

    public init(wrappedValue: UUID) {
        self.wrappedValue = wrappedValue
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let uuid = UUID(uuidString: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a UUID: \(text)")
        }
        wrappedValue = uuid
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wrappedValue.uuidString.lowercased())
    }
}
