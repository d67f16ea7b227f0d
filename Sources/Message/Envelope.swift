import Foundation

/// A message as it travels between services: Watermill's `Message` (UUID, string metadata,
/// opaque payload). The UUID is new for every message and distinct from an event's header id.
public struct Envelope: Sendable, Equatable {
    public var uuid: String
    public var metadata: [String: String]
    public var payload: Data

    public init(uuid: String = UUID().uuidString.lowercased(), metadata: [String: String] = [:], payload: Data) {
        self.uuid = uuid
        self.metadata = metadata
        self.payload = payload
    }
}
