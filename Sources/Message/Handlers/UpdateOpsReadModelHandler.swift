import Entities

/// Applies one kind of event to the ops read model. One instance per event type, each with its
/// own stable name and consumer group.
public struct UpdateOpsReadModelHandler<Event: BusMessage>: TypedMessageHandler {
    public typealias Handled = Event
    public static var name: String { "UpdateOpsReadModelOn\(Event.name)" }
    let readModel: any OpsReadModelRepository

    public init(readModel: any OpsReadModelRepository, on _: Event.Type = Event.self) {
        self.readModel = readModel
    }

    public func handle(_ event: Event, context: MessageContext) async throws {
        guard let change = OpsReadModelProjection.change(for: event) else {
            throw UnprocessableMessage("\(Event.name) does not change the ops read model")
        }
        try await readModel.apply(change, once: processingKey(context), idempotencyKey: event.header.idempotencyKey)
    }
}
