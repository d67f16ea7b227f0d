import Foundation

/// Envelopes as Redis stream entries, byte-compatible with Watermill's Redis Streams
/// `DefaultMarshallerUnmarshaller` (watermill-redisstream `pkg/redisstream/marshaller.go`): the UUID
/// under `_watermill_message_uuid`, the payload under `payload` and the metadata as msgpack under
/// `metadata`.
public enum WatermillStreamMarshaler {
    public static let uuidField = "_watermill_message_uuid"
    public static let payloadField = "payload"
    public static let metadataField = "metadata"

    /// The entry's fields: UUID, payload, metadata. Empty metadata is an empty field, as Watermill
    /// writes it.
    public static func fields(of envelope: Envelope) -> [StreamField] {
        [
            StreamField(name: uuidField, value: Data(envelope.uuid.utf8)),
            StreamField(name: payloadField, value: envelope.payload),
            StreamField(name: metadataField, value: envelope.metadata.isEmpty ? Data() : MessagePackMetadata.encode(envelope.metadata)),
        ]
    }

    /// The envelope in a stream entry's fields, in any order; other fields are ignored, a missing
    /// `metadata` field means no metadata, and a repeated field counts with its last value (as in
    /// the Go map the Go client returns).
    public static func envelope(from fields: [StreamField]) throws(StreamEntryError) -> Envelope {
        let values = Dictionary(fields.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last })
        let fieldNames = fields.map(\.name)
        guard let uuidBytes = values[uuidField] else {
            throw StreamEntryError(.missingUUID, messageUUID: nil, fieldNames: fieldNames)
        }
        guard let uuid = String(validating: uuidBytes, as: UTF8.self) else {
            throw StreamEntryError(.uuidNotUTF8, messageUUID: nil, fieldNames: fieldNames)
        }
        guard !uuid.isEmpty else {
            throw StreamEntryError(.emptyUUID, messageUUID: nil, fieldNames: fieldNames)
        }
        guard let payload = values[payloadField] else {
            throw StreamEntryError(.missingPayload, messageUUID: uuid, fieldNames: fieldNames)
        }
        let metadata: [String: String]
        do {
            metadata = try MessagePackMetadata.decode(values[metadataField] ?? Data())
        } catch {
            throw StreamEntryError(.malformedMetadata(error), messageUUID: uuid, fieldNames: fieldNames)
        }
        return Envelope(uuid: uuid, metadata: metadata, payload: payload)
    }
}

/// A stream entry that is not a Watermill message.
public struct StreamEntryError: Error, Hashable, CustomStringConvertible {
    public enum Problem: Sendable, Hashable {
        case missingUUID
        case emptyUUID
        case uuidNotUTF8
        case missingPayload
        case malformedMetadata(MessagePackError)
    }

    public let problem: Problem
    /// The message UUID when it could be read.
    public let messageUUID: String?
    /// The names of the fields the entry had.
    public let fieldNames: [String]

    public init(_ problem: Problem, messageUUID: String?, fieldNames: [String]) {
        self.problem = problem
        self.messageUUID = messageUUID
        self.fieldNames = fieldNames
    }

    public var description: String {
        let uuidField = WatermillStreamMarshaler.uuidField
        let what =
            switch problem {
            case .missingUUID: "no \(uuidField) field"
            case .emptyUUID: "empty \(uuidField)"
            case .uuidNotUTF8: "\(uuidField) is not UTF-8"
            case .missingPayload: "no \(WatermillStreamMarshaler.payloadField) field"
            case .malformedMetadata(let error): "malformed \(WatermillStreamMarshaler.metadataField): \(error)"
            }
        let message = messageUUID.map { " of message \($0)" } ?? ""
        return "stream entry\(message): \(what) (fields: \(fieldNames.joined(separator: ", ")))"
    }
}
