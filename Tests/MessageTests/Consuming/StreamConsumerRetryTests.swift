import Foundation
import Message
import Testing

/// Failures: retried with backoff without holding up later entries, then dead-lettered once.
@Suite struct StreamConsumerRetryTests {
    let fixture: ConsumerFixture

    init() throws {
        fixture = try ConsumerFixture()
    }

    @Test func failingMessageIsTriedMaxAttemptsThenDeadLetteredOnceWithThePoisonKeys() async throws {
        let poison = ConsumerFixture.message(0, metadata: [MetadataKey.correlationID: "corr-poison"])
        let handler = fixture.handler { envelope, _ in
            if envelope.uuid == poison.uuid { throw HandlerFailure() }
        }
        let consumer = fixture.consumer(for: handler, configuration: .fast(maxAttempts: 4))
        let later = (1...3).map { ConsumerFixture.message($0) }
        fixture.publish(poison)
        later.forEach { fixture.publish($0) }

        try await whileRunning([consumer]) { _ in
            #expect(await eventually { fixture.deadLetters.count == 1 && fixture.pending(of: handler).isEmpty })
            // One more message afterwards: the poison does not come back.
            let last = ConsumerFixture.message(4)
            fixture.publish(last)
            #expect(await eventually { handler.handledUUIDs.contains(last.uuid) && fixture.pending(of: handler).isEmpty })
        }

        #expect(handler.attempts(of: poison.uuid) == [1, 2, 3, 4])
        #expect(later.allSatisfy { handler.attempts(of: $0.uuid) == [1] })
        #expect(fixture.deadLetters.count == 1)
        let letter = try #require(fixture.deadLetters.first).envelope()
        #expect(letter.uuid == poison.uuid)
        #expect(letter.payload == poison.payload)
        #expect(
            letter.metadata == [
                "name": "Test_v1",
                "correlation_id": "corr-poison",
                "reason_poisoned": "handler failed on purpose",
                "topic_poisoned": fixture.topic,
                "handler_poisoned": handler.name,
                "subscriber_poisoned": "instance-1",
            ])
    }

    @Test func failingMessageDoesNotHoldUpTheMessagesBehindIt() async throws {
        let poison = ConsumerFixture.message(0)
        let handler = fixture.handler { envelope, _ in
            if envelope.uuid == poison.uuid { throw HandlerFailure() }
        }
        // Its retry is far away: the others must be handled while it waits.
        let consumer = fixture.consumer(for: handler, configuration: .fast(maxAttempts: 5, initialRetryDelay: .seconds(600), maxInFlight: 2))
        let later = (1...6).map { ConsumerFixture.message($0) }
        let poisonID = fixture.publish(poison)
        later.forEach { fixture.publish($0) }

        try await whileRunning([consumer]) { _ in
            #expect(await eventually { later.allSatisfy { handler.handledUUIDs.contains($0.uuid) } && fixture.pending(of: handler).count == 1 })
        }

        #expect(handler.attempts(of: poison.uuid) == [1])
        // Shutdown ended its wait: it stays pending for the next start.
        #expect(fixture.pending(of: handler).map(\.id) == [poisonID])
        #expect(fixture.deadLetters.isEmpty)
    }

    @Test func attemptsAreCountedAcrossRedeliveries() async throws {
        let handler = fixture.handler { _, context in
            if context.attempt < 3 { throw HandlerFailure() }
        }
        let consumer = fixture.consumer(for: handler, configuration: .fast(maxAttempts: 5))
        let message = ConsumerFixture.message(1)
        fixture.publish(message)

        try await whileRunning([consumer]) { _ in
            #expect(await eventually { handler.calls.count == 3 && fixture.pending(of: handler).isEmpty })
        }

        #expect(handler.attempts(of: message.uuid) == [1, 2, 3])
        #expect(fixture.deadLetters.isEmpty)
    }

    @Test func unprocessableMessageIsDeadLetteredAtOnce() async throws {
        let handler = fixture.handler { _, _ in throw UnprocessableMessage("unknown show 42") }
        let consumer = fixture.consumer(for: handler, configuration: .fast(maxAttempts: 10))
        let message = ConsumerFixture.message(1)
        fixture.publish(message)

        try await whileRunning([consumer]) { _ in
            #expect(await eventually { fixture.deadLetters.count == 1 && fixture.pending(of: handler).isEmpty })
        }

        #expect(handler.attempts(of: message.uuid) == [1])
        let letter = try #require(fixture.deadLetters.first).envelope()
        #expect(letter.uuid == message.uuid)
        #expect(letter.metadata[MetadataKey.reasonPoisoned] == "unknown show 42")
        #expect(letter.metadata[MetadataKey.handlerPoisoned] == handler.name)
    }

    @Test func entryDeletedWhileWaitingForItsRetryIsCleared() async throws {
        let message = ConsumerFixture.message(1)
        let id = fixture.publish(message)
        let streams = fixture.streams
        let topic = fixture.topic
        let handler = fixture.handler { _, _ in
            streams.delete(id, from: topic)
            throw HandlerFailure()
        }
        let consumer = fixture.consumer(for: handler)

        try await whileRunning([consumer]) { _ in
            #expect(await eventually { !handler.calls.isEmpty && fixture.pending(of: handler).isEmpty })
        }

        #expect(handler.attempts(of: message.uuid) == [1])
        #expect(fixture.deadLetters.isEmpty)
    }

    @Test func malformedAndDeletedEntriesNeverReachTheHandlerNorLoop() async throws {
        let handler = fixture.handler()
        let consumer = fixture.consumer(for: handler)
        let group = fixture.topology.consumerGroup(for: handler)
        // A previous life of this consumer read an entry that was deleted since.
        let previousLife = fixture.view(of: handler, as: "instance-1")
        try await previousLife.createGroup()
        let deletedID = fixture.publish(ConsumerFixture.message(0))
        #expect(try await previousLife.readNew(count: 10, block: .milliseconds(1)).map(\.id) == [deletedID])
        fixture.streams.delete(deletedID, from: fixture.topic)

        let rawPayload = Data("not from watermill".utf8)
        let originBytes = Data([0x00, 0xFF, 0x6C])
        fixture.streams.add([StreamField(name: "payload", value: rawPayload), StreamField(name: "origin", value: originBytes)], to: fixture.topic)
        let badMetadata = [
            StreamField(name: WatermillStreamMarshaler.uuidField, value: Data("3b1f0c44-0000-4000-8000-000000000001".utf8)),
            StreamField(name: WatermillStreamMarshaler.payloadField, value: Data("{}".utf8)),
            StreamField(name: WatermillStreamMarshaler.metadataField, value: Data([0xC1])),
        ]
        fixture.streams.add(badMetadata, to: fixture.topic)
        let good = ConsumerFixture.message(1)
        fixture.publish(good)

        try await whileRunning([consumer]) { _ in
            #expect(await eventually { fixture.deadLetters.count == 2 && handler.handledUUIDs == [good.uuid] && fixture.pending(of: handler).isEmpty })
            let last = ConsumerFixture.message(2)
            fixture.publish(last)
            #expect(await eventually { handler.handledUUIDs.contains(last.uuid) && fixture.pending(of: handler).isEmpty })
        }

        #expect(handler.calls.count == 2)
        #expect(fixture.streams.pending(of: fixture.topic, group: group).isEmpty)
        let letters = try fixture.deadLetters.map { try $0.envelope() }
        #expect(letters.count == 2)

        // Both are handled at once: their dead letters come in either order.
        let noUUID = try #require(letters.first { $0.metadata[MetadataKey.reasonPoisoned]?.contains("no _watermill_message_uuid field") == true })
        #expect(UUID(uuidString: noUUID.uuid) != nil)
        #expect(noUUID.payload == rawPayload)
        #expect(noUUID.metadata["raw_origin"].flatMap { Data(base64Encoded: $0) } == originBytes)
        #expect(noUUID.metadata[MetadataKey.topicPoisoned] == fixture.topic)

        let unreadableMetadata = try #require(letters.first { $0.metadata[MetadataKey.reasonPoisoned]?.contains("malformed metadata") == true })
        #expect(unreadableMetadata.uuid != "3b1f0c44-0000-4000-8000-000000000001")
        #expect(unreadableMetadata.payload == Data("{}".utf8))
        #expect(unreadableMetadata.metadata["raw__watermill_message_uuid"].flatMap { Data(base64Encoded: $0) } == Data("3b1f0c44-0000-4000-8000-000000000001".utf8))
        #expect(unreadableMetadata.metadata["raw_metadata"] != nil)
        #expect(unreadableMetadata.metadata[MetadataKey.reasonPoisoned]?.contains("3b1f0c44-0000-4000-8000-000000000001") == true)
    }
}
