import Foundation
import Message
import Testing

/// The forwarder's loop: full rounds back to back, otherwise a wait for a commit (or the poll),
/// failures reported and retried, shutdown after the round in flight.
@Suite struct OutboxForwarderTests {
    static func messages(_ count: Int) -> [OutgoingMessage] {
        (0..<count).map { OutgoingMessage(topic: "commands.RefundTicket", envelope: Envelope(metadata: ["name": "RefundTicket"], payload: Data("\($0)".utf8))) }
    }

    @Test func drainsFullRoundsBackToBackThenWaits() async throws {
        let relay = InMemoryOutboxRelay()
        let rows = Self.messages(25)
        relay.commit(rows)
        let forwarder = OutboxForwarder(relay: relay, batchSize: 10, pollInterval: .seconds(600), logger: .quiet)

        try await whileRunning([forwarder]) { _ in
            #expect(await eventually { relay.calls.contains(.wait) })
        }

        #expect(relay.calls == [.round(forwarded: 10), .round(forwarded: 10), .round(forwarded: 5), .wait])
        #expect(relay.published == rows)
    }

    @Test func forwardsWhenACommitIsNotified() async throws {
        let relay = InMemoryOutboxRelay()
        let forwarder = OutboxForwarder(relay: relay, batchSize: 10, pollInterval: .seconds(600), logger: .quiet)
        let rows = Self.messages(3)

        try await whileRunning([forwarder]) { _ in
            #expect(await eventually { relay.calls == [.round(forwarded: 0), .wait] })
            relay.commit(rows)
            #expect(await eventually { relay.published == rows })
            #expect(await eventually { relay.calls.count == 4 })
        }

        #expect(relay.calls == [.round(forwarded: 0), .wait, .round(forwarded: 3), .wait])
    }

    @Test func pollsForRowsWhoseNotificationWasLost() async throws {
        let relay = InMemoryOutboxRelay()
        let forwarder = OutboxForwarder(relay: relay, batchSize: 10, pollInterval: .milliseconds(20), logger: .quiet)
        let rows = Self.messages(2)

        try await whileRunning([forwarder]) { _ in
            #expect(await eventually { relay.calls.contains(.wait) })
            relay.commitSilently(rows)
            #expect(await eventually { relay.published == rows })
        }
    }

    @Test func reportsFailuresAndKeepsGoing() async throws {
        let relay = InMemoryOutboxRelay()
        let errors = Tally()
        let successes = Tally()
        relay.failNextRounds(2)
        let rows = Self.messages(4)
        relay.commit(rows)
        let forwarder = OutboxForwarder(
            relay: relay, batchSize: 10, pollInterval: .seconds(600), logger: .quiet,
            onError: { error in if error is InMemoryOutboxRelay.Unavailable { errors.increment() } },
            onSuccess: { successes.increment() }
        )

        try await whileRunning([forwarder]) { _ in
            #expect(await eventually { relay.published == rows && relay.calls.contains(.wait) })
        }

        #expect(errors.value == 2)
        #expect(successes.value == 1)
        #expect(relay.calls == [.failedRound, .failedRound, .round(forwarded: 4), .wait])
    }

    @Test func finishesTheRoundInFlightOnShutdown() async throws {
        let relay = InMemoryOutboxRelay(roundDuration: .milliseconds(200))
        let rows = Self.messages(3)
        relay.commit(rows)
        let forwarder = OutboxForwarder(relay: relay, batchSize: 10, pollInterval: .seconds(600), logger: .quiet)

        try await whileRunning([forwarder]) { shutdown in
            #expect(await eventually { relay.roundsStarted == 1 })
            shutdown.triggerGracefulShutdown()
        }

        #expect(relay.published == rows)
        // Whether its wait began before it saw the shutdown is a race; no round follows.
        #expect(relay.calls.filter { $0 != .wait } == [.round(forwarded: 3)])
    }

    @Test func stopsWhileWaitingOnShutdown() async throws {
        let relay = InMemoryOutboxRelay()
        let forwarder = OutboxForwarder(relay: relay, batchSize: 10, pollInterval: .seconds(600), logger: .quiet)

        try await whileRunning([forwarder]) { _ in
            #expect(await eventually { relay.calls.contains(.wait) })
        }

        #expect(relay.calls == [.round(forwarded: 0), .wait])
    }
}
