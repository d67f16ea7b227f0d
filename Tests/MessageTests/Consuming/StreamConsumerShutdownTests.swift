import Foundation
import Message
import Testing

/// Graceful shutdown: reading stops, the handlers in flight finish and their acks are written.
@Suite struct StreamConsumerShutdownTests {
    let fixture: ConsumerFixture

    init() throws {
        fixture = try ConsumerFixture()
    }

    @Test func waitsForTheHandlerInFlightAndItsAcknowledgement() async throws {
        let started = Flag()
        let finished = Flag()
        let handler = fixture.handler { _, _ in
            started.raise()
            try await Task.sleep(for: .milliseconds(300))
            finished.raise()
        }
        let consumer = fixture.consumer(for: handler)
        fixture.publish(ConsumerFixture.message(1))

        try await whileRunning([consumer]) { shutdown in
            #expect(await eventually { started.isRaised })
            shutdown.triggerGracefulShutdown()
        }

        #expect(finished.isRaised)
        #expect(fixture.pending(of: handler).isEmpty)
        #expect(handler.calls.count == 1)
    }

    @Test func retriesAFailedAcknowledgementWhileShuttingDown() async throws {
        let started = Flag()
        let handler = fixture.handler { _, _ in
            started.raise()
            try await Task.sleep(for: .milliseconds(100))
        }
        let errors = Tally()
        let consumer = fixture.consumer(for: handler, onStreamError: { _ in errors.increment() })
        fixture.publish(ConsumerFixture.message(1))
        fixture.streams.failNext(.ack)

        try await whileRunning([consumer]) { shutdown in
            #expect(await eventually { started.isRaised })
            shutdown.triggerGracefulShutdown()
        }

        #expect(errors.value == 1)
        #expect(fixture.pending(of: handler).isEmpty)
    }

    @Test func readsNothingNewOnceShuttingDown() async throws {
        let handler = fixture.handler()
        let subscribed = Flag()
        let consumer = fixture.consumer(for: handler, onSubscribed: { subscribed.raise() })

        try await whileRunning([consumer]) { shutdown in
            #expect(await eventually { subscribed.isRaised })
            shutdown.triggerGracefulShutdown()
        }
        fixture.publish(ConsumerFixture.message(1))

        #expect(handler.calls.isEmpty)
        #expect(fixture.streams.closedConsumers == ["instance-1"])
    }
}
