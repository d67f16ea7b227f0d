import Entities
import Foundation

/// Recomputes the ops read model from the data lake alone: every stored event, decoded by its
/// name, folded through the same projection the handlers use. Because the projection commutes,
/// the documents equal the ones the handlers built, whatever order the events had.
public struct OpsReadModelRebuild: Sendable {
    let dataLake: any DataLake
    let readModel: any OpsReadModelRepository

    public init(dataLake: any DataLake, readModel: any OpsReadModelRepository) {
        self.dataLake = dataLake
        self.readModel = readModel
    }

    /// An event in the data lake that cannot be read back.
    public struct UnreadableEvent: Error, CustomStringConvertible {
        public var name: String
        public var problem: String
        public var description: String { "data lake event \(name) cannot be read: \(problem)" }
    }

    public func run() async throws -> (events: Int, bookings: Int) {
        let stored = try await dataLake.allEvents()
        var changes: [OpsReadModelChange] = []
        for event in stored {
            guard let type = BusMessageCatalog.type(named: event.name) else {
                throw UnreadableEvent(name: event.name, problem: "unknown event name")
            }
            let message: any BusMessage
            do {
                message = try MessageJSON.decode(type, from: event.payload)
            } catch {
                throw UnreadableEvent(name: event.name, problem: "\(error)")
            }
            if let change = OpsReadModelProjection.change(for: message) { changes.append(change) }
        }
        try await readModel.replace(with: changes)
        let bookings = Set(changes.compactMap { change -> UUID? in
            switch change {
            case .booking(let id, _, _): id
            case .ticket(_, let id, _, _): id
            }
        })
        return (stored.count, bookings.count)
    }
}
