import Entities
import Foundation

/// Stores every public event of the `events` firehose in the data lake, once per event id.
public struct StoreInDataLakeHandler: MessageHandler {
    public static let handlerName = "StoreInDataLake"
    public let name = StoreInDataLakeHandler.handlerName
    public let topic = BusTopology.eventsFirehose
    let dataLake: any DataLake

    public init(dataLake: any DataLake) {
        self.dataLake = dataLake
    }

    private struct HeaderOnly: Decodable {
        var header: EventHeader
    }

    public func handle(_ envelope: Envelope, context: MessageContext) async throws {
        guard let name = envelope.name, let type = BusMessageCatalog.type(named: name), type.kind == .publicEvent else {
            throw UnprocessableMessage("message \(envelope.uuid) on \(topic) is not a public event (name: \(envelope.name ?? "none"))")
        }
        let header: EventHeader
        do {
            header = try MessageJSON.decode(HeaderOnly.self, from: envelope.payload).header
        } catch {
            throw UnprocessableMessage("message \(envelope.uuid) has no readable header: \(error)")
        }
        try await dataLake.store(eventID: header.id, name: name, publishedAt: header.publishedAt, payload: envelope.payload)
    }
}
