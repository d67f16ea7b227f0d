import Foundation
import Message

/// A message in the dead-letter stream, as operators list it.
public struct DeadLetterEntry: Sendable, Equatable {
    /// The entry id in the dead-letter stream: what `replay` and `drop` take.
    public var id: String
    /// The message; nil when the entry is not a readable message (`problem` says why).
    public var envelope: Envelope?
    public var problem: String?
    public var reason: String?
    public var topic: String?
    public var handler: String?
    public var subscriber: String?
}

/// Why an operation on a dead letter did not happen.
public enum DeadLetterError: Error, Equatable, CustomStringConvertible {
    case notFound(id: String)
    case unreadable(id: String, problem: String)
    case noOriginalTopic(id: String)

    public var description: String {
        switch self {
        case .notFound(let id): "no dead letter \(id)"
        case .unreadable(let id, let problem): "dead letter \(id) is not a readable message: \(problem)"
        case .noOriginalTopic(let id): "dead letter \(id) does not say which topic it came from"
        }
    }
}

/// The operator's view of the dead-letter stream (`poison.<service>`): list, replay to the
/// original topic for the original handler only, and drop.
public struct DeadLetterStore: Sendable {
    let redis: RedisClient
    let stream: String

    public init(redis: RedisClient, topology: BusTopology) {
        self.redis = redis
        self.stream = topology.deadLetterTopic
    }

    public func count() async throws -> Int {
        try await redis.xlen(stream)
    }

    /// The oldest `limit` dead letters; an unreadable one is listed with its problem, so that an
    /// operator can still see and drop it.
    public func list(limit: Int) async throws -> [DeadLetterEntry] {
        try await redis.xrange(stream, count: limit).map { raw in
            do {
                return try Self.entry(raw)
            } catch {
                return DeadLetterEntry(id: raw.id, envelope: nil, problem: "\(error)")
            }
        }
    }

    /// Puts the message back on its original topic with its original UUID, payload and metadata,
    /// marked for its handler alone (the topic's other handlers acknowledge it unhandled), then
    /// removes it from the dead letters. Returns the new entry id on the original topic.
    @discardableResult
    public func replay(id: String) async throws -> String {
        let dead = try await find(id)
        guard let topic = dead.topic, !topic.isEmpty, var envelope = dead.envelope else {
            throw DeadLetterError.noOriginalTopic(id: id)
        }
        for key in [MetadataKey.reasonPoisoned, MetadataKey.topicPoisoned, MetadataKey.handlerPoisoned, MetadataKey.subscriberPoisoned] {
            envelope.metadata[key] = nil
        }
        if let handler = dead.handler { envelope.metadata[MetadataKey.replayForHandler] = handler }
        let newID = try await redis.xadd(topic, fields: WatermillStreamMarshaler.fields(of: envelope).map { ($0.name, $0.value) })
        _ = try await redis.xdel(stream, ids: [id])
        return newID
    }

    public func drop(id: String) async throws {
        guard try await redis.xdel(stream, ids: [id]) == 1 else { throw DeadLetterError.notFound(id: id) }
    }

    private func find(_ id: String) async throws -> DeadLetterEntry {
        guard let raw = try await redis.xrange(stream, from: id, to: id, count: 1).first else {
            throw DeadLetterError.notFound(id: id)
        }
        return try Self.entry(raw)
    }

    private static func entry(_ raw: RedisStreamEntry) throws -> DeadLetterEntry {
        let envelope: Envelope
        do {
            envelope = try WatermillStreamMarshaler.envelope(from: (raw.fields ?? []).map { StreamField(name: $0.name, value: $0.value) })
        } catch {
            throw DeadLetterError.unreadable(id: raw.id, problem: error.description)
        }
        return DeadLetterEntry(
            id: raw.id,
            envelope: envelope,
            problem: nil,
            reason: envelope.metadata[MetadataKey.reasonPoisoned],
            topic: envelope.metadata[MetadataKey.topicPoisoned],
            handler: envelope.metadata[MetadataKey.handlerPoisoned],
            subscriber: envelope.metadata[MetadataKey.subscriberPoisoned]
        )
    }
}
