import Entities
import Synchronization

/// `EventPublishing` in memory: each batch published once per processing key, kept in order.
final class RecordingEventPublisher: EventPublishing {
    struct Publication: Sendable {
        var events: [any BusMessage]
        var key: ProcessingKey
    }

    private let state = Mutex([Publication]())

    var publications: [Publication] { state.withLock { $0 } }

    /// Every event published, in order.
    var events: [any BusMessage] { publications.flatMap(\.events) }

    func publish(_ events: [any BusMessage], once key: ProcessingKey) async throws {
        state.withLock { publications in
            guard !publications.contains(where: { $0.key == key }) else { return }
            publications.append(Publication(events: events, key: key))
        }
    }
}
