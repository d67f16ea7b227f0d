import Entities
import Foundation

/// Turns bus messages into envelopes and back, as Watermill's CQRS `JSONMarshaler` does: the
/// payload is the message's JSON, the `name` metadata its wire name, and the message UUID new.
public enum BusMessageMarshaler {
    /// An envelope carrying `message` under a new UUID, with `name` and, when the current task has
    /// one (`Correlation.id`), `correlation_id` in the metadata.
    public static func marshal<Message: BusMessage>(_ message: Message) throws(BusMessageEncodingError) -> Envelope {
        let payload: Data
        do {
            payload = try MessageJSON.encode(message)
        } catch {
            throw BusMessageEncodingError(messageName: Message.name, reason: (error as? EncodingError)?.summary ?? "\(error)")
        }
        var metadata = [MetadataKey.name: Message.name]
        if let correlationID = Correlation.id {
            metadata[MetadataKey.correlationID] = correlationID
        }
        return Envelope(metadata: metadata, payload: payload)
    }

    /// The `Message` in `envelope`; fails when the envelope names another message or its payload
    /// is not that message's JSON.
    public static func unmarshal<Message: BusMessage>(_ envelope: Envelope, as type: Message.Type) throws(BusMessageDecodingError) -> Message {
        guard envelope.name == Message.name else {
            throw BusMessageDecodingError(expectedName: Message.name, messageUUID: envelope.uuid, problem: .nameMismatch(found: envelope.name))
        }
        do {
            return try MessageJSON.decode(type, from: envelope.payload)
        } catch {
            let reason = (error as? DecodingError)?.summary ?? "\(error)"
            throw BusMessageDecodingError(expectedName: Message.name, messageUUID: envelope.uuid, problem: .invalidJSON(reason))
        }
    }
}

/// A bus message could not be written as JSON.
public struct BusMessageEncodingError: Error, CustomStringConvertible {
    public let messageName: String
    public let reason: String

    public var description: String { "cannot encode \(messageName): \(reason)" }
}

/// An envelope does not hold the expected bus message.
public struct BusMessageDecodingError: Error, CustomStringConvertible {
    public enum Problem: Sendable, Hashable {
        /// The `name` metadata is another message's (or missing: nil).
        case nameMismatch(found: String?)
        /// The payload is not the message's JSON; says which field and why.
        case invalidJSON(String)
    }

    public let expectedName: String
    public let messageUUID: String
    public let problem: Problem

    public var description: String {
        switch problem {
        case .nameMismatch(let found):
            "message \(messageUUID) is \(found.map { "named \($0)" } ?? "unnamed"), not \(expectedName)"
        case .invalidJSON(let reason):
            "message \(messageUUID) is not valid \(expectedName) JSON: \(reason)"
        }
    }
}
