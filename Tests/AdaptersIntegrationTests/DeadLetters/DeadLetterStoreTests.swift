import Adapters
import Foundation
import Message
import Testing

@Suite("Dead-letter store")
struct DeadLetterStoreTests {
    @Test("list reads each dead letter: the message, and why, where and by whom it was given up")
    func listParsesDeadLetters() async throws {
        try await DeadLetterTestContext.run { context in
            let topic = context.topic("confirmed")
            let first = DeadLetterSamples.envelope()
            let second = DeadLetterSamples.envelope()
            let firstID = try await context.deadLetter(first, reason: "gateway answered 500", topic: topic, handler: "IssueReceipt", subscriber: "instance-1")
            let secondID = try await context.deadLetter(second, reason: "bad JSON", topic: topic, handler: "PrintTicket", subscriber: "instance-2")

            let entries = try await context.store.list(limit: 10)
            #expect(entries.map(\.id) == [firstID, secondID])
            #expect(entries.map(\.reason) == ["gateway answered 500", "bad JSON"])
            #expect(entries.map(\.topic) == [topic, topic])
            #expect(entries.map(\.handler) == ["IssueReceipt", "PrintTicket"])
            #expect(entries.map(\.subscriber) == ["instance-1", "instance-2"])
            let listed = try #require(entries.first?.envelope)
            #expect(listed.uuid == first.uuid)
            #expect(listed.payload == first.payload)
            #expect(listed.metadata[MetadataKey.correlationID] == first.metadata[MetadataKey.correlationID])
            #expect(listed.metadata[MetadataKey.reasonPoisoned] == "gateway answered 500")
            #expect(try await context.store.count() == 2)
        }
    }

    @Test("list returns at most the limit, oldest first")
    func listHonoursTheLimit() async throws {
        try await DeadLetterTestContext.run { context in
            let topic = context.topic("limit")
            var ids: [String] = []
            for _ in 0..<3 {
                ids.append(try await context.deadLetter(DeadLetterSamples.envelope(), topic: topic))
            }
            #expect(try await context.store.list(limit: 2).map(\.id) == Array(ids.prefix(2)))
        }
    }

    @Test("an empty dead-letter stream lists nothing")
    func emptyStreamListsNothing() async throws {
        try await DeadLetterTestContext.run { context in
            let entries = try await context.store.list(limit: 10)
            let count = try await context.store.count()
            #expect(entries.isEmpty)
            #expect(count == 0)
        }
    }

    @Test("replay puts the original message on its topic for its handler alone and removes the dead letter")
    func replayRestoresTheMessage() async throws {
        try await DeadLetterTestContext.run { context in
            let topic = context.topic("replay")
            let original = DeadLetterSamples.envelope()
            let id = try await context.deadLetter(original, topic: topic, handler: "IssueReceipt")
            let kept = try await context.deadLetter(DeadLetterSamples.envelope(), topic: topic)

            let newID = try await context.store.replay(id: id)

            let replayed = try await context.messages(on: topic)
            #expect(replayed.map(\.id) == [newID])
            var expected = original
            expected.metadata[MetadataKey.replayForHandler] = "IssueReceipt"
            #expect(replayed.first?.envelope == expected)
            #expect(try await context.deadLetterIDs() == [kept])
        }
    }

    @Test("a dead letter that names no handler is replayed for every handler of its topic")
    func replayWithoutHandler() async throws {
        try await DeadLetterTestContext.run { context in
            let topic = context.topic("no-handler")
            let original = DeadLetterSamples.envelope()
            let id = try await context.deadLetter(original, topic: topic, handler: nil, subscriber: nil)

            try await context.store.replay(id: id)

            #expect(try await context.messages(on: topic).map(\.envelope) == [original])
            #expect(try await context.deadLetterIDs().isEmpty)
        }
    }

    @Test("drop removes only the dead letter named")
    func dropRemovesTheEntry() async throws {
        try await DeadLetterTestContext.run { context in
            let topic = context.topic("drop")
            let dropped = try await context.deadLetter(DeadLetterSamples.envelope(), topic: topic)
            let kept = try await context.deadLetter(DeadLetterSamples.envelope(), topic: topic)

            try await context.store.drop(id: dropped)

            #expect(try await context.deadLetterIDs() == [kept])
            #expect(try await context.messages(on: topic).isEmpty)
        }
    }

    @Test("replay and drop of an unknown id are notFound and change nothing")
    func unknownIDIsNotFound() async throws {
        try await DeadLetterTestContext.run { context in
            let kept = try await context.deadLetter(DeadLetterSamples.envelope(), topic: context.topic("unknown"))
            let unknown = "1-1"

            await #expect(throws: DeadLetterError.notFound(id: unknown)) { try await context.store.replay(id: unknown) }
            await #expect(throws: DeadLetterError.notFound(id: unknown)) { try await context.store.drop(id: unknown) }
            #expect(try await context.deadLetterIDs() == [kept])
        }
    }

    @Test("a dropped dead letter cannot be dropped or replayed again")
    func droppedEntryIsGone() async throws {
        try await DeadLetterTestContext.run { context in
            let id = try await context.deadLetter(DeadLetterSamples.envelope(), topic: context.topic("gone"))
            try await context.store.drop(id: id)

            await #expect(throws: DeadLetterError.notFound(id: id)) { try await context.store.drop(id: id) }
            await #expect(throws: DeadLetterError.notFound(id: id)) { try await context.store.replay(id: id) }
        }
    }

    @Test("an entry without a message UUID is unreadable, saying why, and stays")
    func entryWithoutUUIDIsUnreadable() async throws {
        try await DeadLetterTestContext.run { context in
            let fields = [
                StreamField(name: WatermillStreamMarshaler.payloadField, value: Data("{}".utf8)),
                StreamField(name: WatermillStreamMarshaler.metadataField, value: Data()),
            ]
            let id = try await context.writeRaw(fields)
            let problem = StreamEntryError(.missingUUID, messageUUID: nil, fieldNames: fields.map(\.name)).description

            await #expect(throws: DeadLetterError.unreadable(id: id, problem: problem)) { try await context.store.replay(id: id) }
            #expect(try await context.deadLetterIDs() == [id])
            // Listed all the same, with its problem, so that it can be dropped.
            let listed = try await context.store.list(limit: 10)
            #expect(listed.map(\.id) == [id])
            #expect(listed.first?.envelope == nil)
            #expect(listed.first?.problem == DeadLetterError.unreadable(id: id, problem: problem).description)
        }
    }

    @Test("an entry with malformed metadata is unreadable and stays")
    func entryWithMalformedMetadataIsUnreadable() async throws {
        try await DeadLetterTestContext.run { context in
            let id = try await context.writeRaw([
                StreamField(name: WatermillStreamMarshaler.uuidField, value: Data("message-1".utf8)),
                StreamField(name: WatermillStreamMarshaler.payloadField, value: Data("{}".utf8)),
                StreamField(name: WatermillStreamMarshaler.metadataField, value: Data([0xc1])),
            ])

            let error = await #expect(throws: DeadLetterError.self) { try await context.store.replay(id: id) }
            guard case .unreadable(let unreadableID, let problem) = error else {
                Issue.record("expected unreadable, got \(String(describing: error))")
                return
            }
            #expect(unreadableID == id)
            #expect(problem.contains("malformed metadata"))
            #expect(try await context.deadLetterIDs() == [id])
        }
    }

    @Test("a dead letter that does not name its topic cannot be replayed, and stays")
    func entryWithoutTopicIsNotReplayed() async throws {
        try await DeadLetterTestContext.run { context in
            let id = try await context.deadLetter(DeadLetterSamples.envelope(), topic: nil)

            await #expect(throws: DeadLetterError.noOriginalTopic(id: id)) { try await context.store.replay(id: id) }
            #expect(try await context.deadLetterIDs() == [id])
            #expect(try await context.store.list(limit: 10).map(\.topic) == [nil])
        }
    }
}
