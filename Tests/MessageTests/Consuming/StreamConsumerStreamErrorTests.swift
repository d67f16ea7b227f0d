import Foundation
import Message
import Testing

/// Failures to talk to the stream: reported (for `/health`), retried, and never lose an entry.
@Suite struct StreamConsumerStreamErrorTests {
    let fixture: ConsumerFixture

    init() throws {
        fixture = try ConsumerFixture()
    }

    @Test func failingReadsAreReportedAndRetried() async throws {
        let handler = fixture.handler()
        let errors = Tally()
        let subscribed = Tally()
        let consumer = fixture.consumer(for: handler, onSubscribed: { subscribed.increment() }, onStreamError: { _ in errors.increment() })
        fixture.streams.failNext(.createGroup, times: 2)
        fixture.streams.failNext(.readOwnPending)
        fixture.streams.failNext(.readNew, times: 2)
        let messages = (1...3).map { ConsumerFixture.message($0) }
        messages.forEach { fixture.publish($0) }

        try await whileRunning([consumer]) { _ in
            #expect(await eventually { handler.handledUUIDs == Set(messages.map(\.uuid)) && fixture.pending(of: handler).isEmpty })
        }

        #expect(errors.value == 5)
        #expect(subscribed.value == 1)
        #expect(handler.calls.count == 3)
    }

    @Test func subscribingGivesUpQuietlyWhenShutDownBeforeTheGroupExists() async throws {
        let handler = fixture.handler()
        let subscribed = Flag()
        let errors = Tally()
        let consumer = fixture.consumer(for: handler, onSubscribed: { subscribed.raise() }, onStreamError: { _ in errors.increment() })
        fixture.streams.failNext(.createGroup, times: 1000)

        try await whileRunning([consumer]) { _ in
            #expect(await eventually { errors.value >= 2 })
        }

        #expect(!subscribed.isRaised)
        #expect(fixture.streams.closedConsumers == ["instance-1"])
    }

    @Test func failedAcknowledgementIsRetried() async throws {
        let handler = fixture.handler()
        let errors = Tally()
        let consumer = fixture.consumer(for: handler, onStreamError: { _ in errors.increment() })
        fixture.streams.failNext(.ack, times: 2)
        let message = ConsumerFixture.message(1)
        fixture.publish(message)

        try await whileRunning([consumer]) { _ in
            #expect(await eventually { !handler.calls.isEmpty && fixture.pending(of: handler).isEmpty })
        }

        #expect(errors.value == 2)
        #expect(handler.attempts(of: message.uuid) == [1])
    }

    @Test func failedRedeliveryLeavesTheEntryToBeTakenOver() async throws {
        let handler = fixture.handler { _, context in
            if context.attempt == 1 { throw HandlerFailure() }
        }
        let errors = Tally()
        let consumer = fixture.consumer(for: handler, configuration: .fast(claimIdle: .milliseconds(300)), onStreamError: { _ in errors.increment() })
        fixture.streams.failNext(.redeliver)
        let message = ConsumerFixture.message(1)
        fixture.publish(message)

        try await whileRunning([consumer]) { _ in
            #expect(await eventually { handler.calls.count == 2 && fixture.pending(of: handler).isEmpty })
        }

        // Handled once more after the takeover; its attempt number is the group's delivery count,
        // which a takeover racing the keep-alive on a loaded machine may have raised twice.
        let attempts = handler.attempts(of: message.uuid)
        #expect(attempts.count == 2 && attempts.first == 1 && (attempts.last ?? 0) >= 2)
        #expect(errors.value == 1)
        #expect(fixture.deadLetters.isEmpty)
    }

    @Test func failedDeadLetteringIsDoneWhenTheEntryIsTakenOver() async throws {
        let handler = fixture.handler { _, _ in throw UnprocessableMessage("never valid") }
        let errors = Tally()
        let consumer = fixture.consumer(for: handler, configuration: .fast(claimIdle: .milliseconds(300)), onStreamError: { _ in errors.increment() })
        fixture.streams.failNext(.deadLetter)
        let message = ConsumerFixture.message(1)
        fixture.publish(message)

        try await whileRunning([consumer]) { _ in
            #expect(await eventually { fixture.deadLetters.count == 1 && fixture.pending(of: handler).isEmpty })
        }

        #expect(handler.attempts(of: message.uuid) == [1, 2])
        #expect(errors.value == 1)
        #expect(fixture.deadLetters.count == 1)
    }

    @Test func failingUpkeepIsReportedAndDoesNotStopTheConsumer() async throws {
        let handler = fixture.handler()
        let errors = Tally()
        let consumer = fixture.consumer(for: handler, configuration: .fast(metricsInterval: .milliseconds(20)), onStreamError: { _ in errors.increment() })
        fixture.streams.failNext(.pendingSummary, times: 2)

        try await whileRunning([consumer]) { _ in
            #expect(await eventually { errors.value == 2 })
            let message = ConsumerFixture.message(1)
            fixture.publish(message)
            #expect(await eventually { handler.handledUUIDs == [message.uuid] && fixture.pending(of: handler).isEmpty })
        }
        #expect(errors.value == 2)
    }
}
