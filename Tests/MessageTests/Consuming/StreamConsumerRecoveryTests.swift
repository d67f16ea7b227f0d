import Foundation
import Message
import Testing

/// Crashes and restarts: own pending entries resumed first, abandoned entries taken over, entries
/// in hand kept, replayed dead letters handled by their handler only.
@Suite struct StreamConsumerRecoveryTests {
    let fixture: ConsumerFixture

    init() throws {
        fixture = try ConsumerFixture()
    }

    @Test func restartedConsumerResumesItsOwnPendingEntriesFirst() async throws {
        let handler = fixture.handler()
        let previousLife = fixture.view(of: handler, as: "instance-1")
        try await previousLife.createGroup()
        let first = ConsumerFixture.message(1)
        let second = ConsumerFixture.message(2)
        fixture.publish(first)
        fixture.publish(second)
        #expect(try await previousLife.readNew(count: 10, block: .milliseconds(1)).count == 2)
        let fresh = ConsumerFixture.message(3)
        fixture.publish(fresh)
        // One at a time, so the order of the calls is the order of the starts.
        let consumer = fixture.consumer(for: handler, named: "instance-1", configuration: .fast(maxInFlight: 1))

        try await whileRunning([consumer]) { _ in
            #expect(await eventually { handler.handledUUIDs.count == 3 && fixture.pending(of: handler).isEmpty })
        }

        #expect(handler.calls.map(\.messageUUID) == [first.uuid, second.uuid, fresh.uuid])
        #expect(handler.calls.map(\.attempt) == [2, 2, 1])
    }

    @Test func takesOverEntriesAbandonedByAnotherConsumer() async throws {
        let handler = fixture.handler()
        let crashed = fixture.view(of: handler, as: "crashed")
        try await crashed.createGroup()
        let abandoned = ConsumerFixture.message(1)
        fixture.publish(abandoned)
        let deletedID = fixture.publish(ConsumerFixture.message(2))
        #expect(try await crashed.readNew(count: 10, block: .milliseconds(1)).count == 2)
        fixture.streams.delete(deletedID, from: fixture.topic)
        fixture.streams.advanceClock(by: .seconds(5))
        let survivor = fixture.consumer(for: handler, named: "survivor", configuration: .fast(claimIdle: .seconds(1)))

        try await whileRunning([survivor]) { _ in
            #expect(await eventually { !handler.calls.isEmpty && fixture.pending(of: handler).isEmpty })
        }

        #expect(handler.calls.map(\.messageUUID) == [abandoned.uuid])
        #expect(handler.attempts(of: abandoned.uuid) == [2])
        #expect(fixture.deadLetters.isEmpty)
    }

    @Test func entryDeliveredMaxAttemptsTimesIsDeadLetteredWhenTakenOver() async throws {
        let handler = fixture.handler()
        let crashed = fixture.view(of: handler, as: "crashed")
        try await crashed.createGroup()
        let message = ConsumerFixture.message(1)
        fixture.publish(message)
        _ = try await crashed.readNew(count: 10, block: .milliseconds(1))
        _ = try await crashed.readOwnPending(after: "0", count: 10)
        fixture.streams.advanceClock(by: .seconds(5))
        let survivor = fixture.consumer(for: handler, named: "survivor", configuration: .fast(maxAttempts: 2, claimIdle: .seconds(1)))

        try await whileRunning([survivor]) { _ in
            #expect(await eventually { fixture.deadLetters.count == 1 && fixture.pending(of: handler).isEmpty })
        }

        #expect(handler.calls.isEmpty)
        let letter = try #require(fixture.deadLetters.first).envelope()
        #expect(letter.uuid == message.uuid)
        #expect(letter.metadata[MetadataKey.reasonPoisoned] == "gave up after 2 deliveries")
        #expect(letter.metadata[MetadataKey.subscriberPoisoned] == "survivor")
    }

    @Test func slowHandlerKeepsItsEntryFromTheOtherConsumers() async throws {
        // Slower than claimIdle: only the keep-alive stops the other consumer from taking it.
        let handler = fixture.handler { _, _ in try await Task.sleep(for: .seconds(3)) }
        let configuration = ConsumerConfiguration.fast(claimIdle: .milliseconds(1200))
        let first = fixture.consumer(for: handler, named: "a", configuration: configuration)
        let second = fixture.consumer(for: handler, named: "b", configuration: configuration)
        let message = ConsumerFixture.message(1)

        try await whileRunning([first, second]) { _ in
            #expect(await eventually { fixture.streams.groupExists(fixture.topology.consumerGroup(for: handler), on: fixture.topic) })
            fixture.publish(message)
            #expect(await eventually { !handler.calls.isEmpty && fixture.pending(of: handler).isEmpty })
        }

        #expect(handler.calls.count == 1)
    }

    @Test func replayedDeadLetterIsHandledOnlyByTheHandlerItNames() async throws {
        let replayTarget = fixture.handler(named: "ReplayTarget")
        let bystander = fixture.handler(named: "Bystander")
        let consumers = [fixture.consumer(for: replayTarget), fixture.consumer(for: bystander)]
        let replayed = ConsumerFixture.message(1, metadata: [MetadataKey.replayForHandler: "ReplayTarget"])
        let ordinary = ConsumerFixture.message(2)
        fixture.publish(replayed)
        fixture.publish(ordinary)

        try await whileRunning(consumers) { _ in
            #expect(
                await eventually {
                    replayTarget.handledUUIDs.count == 2 && bystander.handledUUIDs.count == 1
                        && fixture.pending(of: replayTarget).isEmpty && fixture.pending(of: bystander).isEmpty
                })
        }

        #expect(replayTarget.handledUUIDs == [replayed.uuid, ordinary.uuid])
        #expect(bystander.handledUUIDs == [ordinary.uuid])
        #expect(fixture.deadLetters.isEmpty)
    }
}
