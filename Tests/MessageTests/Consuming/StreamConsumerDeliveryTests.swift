import Entities
import Foundation
import Message
import Testing

/// The happy path: every entry handled once and acknowledged, as many at once as allowed.
@Suite struct StreamConsumerDeliveryTests {
    let fixture: ConsumerFixture

    init() throws {
        fixture = try ConsumerFixture()
    }

    @Test func handlesAndAcknowledgesEveryEntryOldAndNew() async throws {
        let handler = fixture.handler()
        let subscribed = Tally()
        let consumer = fixture.consumer(for: handler, onSubscribed: { subscribed.increment() })
        let before = (0..<10).map { ConsumerFixture.message($0) }
        let after = (10..<20).map { ConsumerFixture.message($0) }
        before.forEach { fixture.publish($0) }

        try await whileRunning([consumer]) { _ in
            #expect(await eventually { subscribed.value == 1 })
            after.forEach { fixture.publish($0) }
            #expect(await eventually { handler.handledUUIDs == Set((before + after).map(\.uuid)) && fixture.pending(of: handler).isEmpty })
        }

        #expect(handler.calls.count == 20)
        #expect(handler.calls.allSatisfy { $0.attempt == 1 && $0.handlerName == handler.name })
        #expect(subscribed.value == 1)
        #expect(fixture.deadLetters.isEmpty)
        #expect(fixture.streams.groupExists(fixture.topology.consumerGroup(for: handler), on: fixture.topic))
        #expect(fixture.streams.closedConsumers == ["instance-1"])
    }

    @Test func handlesNoMoreThanMaxInFlightAtOnce() async throws {
        let open = Flag()
        let running = Tally()
        let handler = fixture.handler { _, _ in
            running.increment()
            defer { running.decrement() }
            while !open.isRaised { try await Task.sleep(for: .milliseconds(2)) }
        }
        let consumer = fixture.consumer(for: handler, configuration: .fast(maxInFlight: 3))
        (0..<8).forEach { fixture.publish(ConsumerFixture.message($0)) }

        try await whileRunning([consumer]) { _ in
            #expect(await eventually { running.value == 3 })
            // The other five are read but must wait for a free place.
            try await Task.sleep(for: .milliseconds(100))
            #expect(handler.calls.count == 3)
            open.raise()
            #expect(await eventually { handler.handledUUIDs.count == 8 && fixture.pending(of: handler).isEmpty })
        }
        #expect(running.highest == 3)
    }

    @Test func bindsTheCorrelationIDOfTheMessageOrANewOne() async throws {
        let handler = fixture.handler()
        let consumer = fixture.consumer(for: handler)
        let correlated = ConsumerFixture.message(1, metadata: [MetadataKey.correlationID: "corr-42"])
        let uncorrelated = ConsumerFixture.message(2)
        fixture.publish(correlated)
        fixture.publish(uncorrelated)

        try await whileRunning([consumer]) { _ in
            #expect(await eventually { handler.handledUUIDs.count == 2 })
        }

        let byUUID = Dictionary(uniqueKeysWithValues: handler.calls.map { ($0.messageUUID, $0.correlationID) })
        #expect(byUUID[correlated.uuid] == "corr-42")
        let generated = try #require(byUUID[uncorrelated.uuid] ?? nil)
        #expect(generated.hasPrefix("gen_"))
        #expect(Correlation.id == nil)
    }

    @Test func stopsWhenCancelledAndClosesItsStream() async throws {
        let handler = fixture.handler()
        let subscribed = Flag()
        let consumer = fixture.consumer(for: handler, onSubscribed: { subscribed.raise() })
        let running = Task { try await consumer.run() }
        #expect(await eventually { subscribed.isRaised })
        running.cancel()
        try await running.value
        #expect(fixture.streams.closedConsumers == ["instance-1"])
    }
}
