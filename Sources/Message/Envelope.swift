import Foundation

/// A message as it travels between services: Watermill's `Message` (UUID, string metadata,
/// opaque payload). The UUID is new for every message and distinct from an event's header id.
public struct Envelope: Sendable, Equatable {
    /// The message UUID (`_watermill_message_uuid`), lowercase when this service makes it.
    public var uuid: String
    /// String metadata: `name`, `correlation_id`, `traceparent`, poison-queue keys (`MetadataKey`).
    public var metadata: [String: String]
    /// The message body, JSON for bus messages.
    public var payload: Data

    public init(uuid: String = UUID().uuidString.lowercased(), metadata: [String: String] = [:], payload: Data) {
        self.uuid = uuid
        self.metadata = metadata
        self.payload = payload
    }
}
