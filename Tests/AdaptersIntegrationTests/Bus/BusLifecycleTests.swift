import Adapters
import Foundation
import Message
import TestSupport
import Testing

/// Consumers stopping, crashing, restarting and taking over: Watermill's
/// TestContinueAfterSubscribeClose, TestConcurrentClose and TestSubscribeCtx, and the recovery
/// of pending entries (CONTRACT.md §3).
@Suite struct BusLifecycleTests {
    /// Some work per message, so that a shutdown finds messages in flight.
    private static let work: @Sendable (Envelope, MessageContext) async throws -> Void = { _, _ in
        try await Task.sleep(for: .milliseconds(2))
    }

    /// TestContinueAfterSubscribeClose: a consumer shut down in the middle of the stream and
    /// started again under the same name loses nothing.
    @Test func aConsumerClosedMidStreamAndStartedAgainLosesNothing() async throws {
        try await BusFixture.with { fixture in
            let envelopes = BusFixture.envelopes(300)
            try await fixture.publish(envelopes)
            let log = DeliveryLog()
            let handler = ScriptedHandler(name: "resumer", topic: fixture.topic, log: log, behaviour: Self.work)

            for round in 1...3 {
                let consumer = RunningConsumer(handler, name: "alice", fixture: fixture)
                try await eventually("some handled in round \(round)") { log.handledUUIDs.count >= 50 * round }
                try await consumer.shutDown()
            }
            let last = RunningConsumer(handler, name: "alice", fixture: fixture)
            try await eventually("all handled") { log.hasHandled(all: envelopes.map(\.uuid)) }
            try await eventually("all acknowledged") { try await fixture.pendingCount(group: fixture.group(of: "resumer")) == 0 }
            try await last.shutDown()
        }
    }

    /// TestConcurrentClose: several consumers shut down at once, and another finishes the work.
    @Test func severalConsumersCloseAtOnceAndNothingIsLost() async throws {
        try await BusFixture.with { fixture in
            let envelopes = BusFixture.envelopes(500)
            try await fixture.publish(envelopes)
            let log = DeliveryLog()
            let handler = ScriptedHandler(name: "crowd", topic: fixture.topic, log: log, behaviour: Self.work)
            let consumers = (1...4).map { RunningConsumer(handler, name: "c\($0)", fixture: fixture) }
            try await eventually("some handled") { log.handledUUIDs.count >= 50 }

            try await withThrowingTaskGroup(of: Void.self) { closing in
                for consumer in consumers { closing.addTask { try await consumer.shutDown() } }
                try await closing.waitForAll()
            }
            // The shut-down consumers' entries in flight were acknowledged; a retry waiting
            // would stay pending and be taken over after the claim idle time.
            let finisher = RunningConsumer(handler, name: "c5", fixture: fixture)
            try await eventually("all handled") { log.hasHandled(all: envelopes.map(\.uuid)) }
            try await finisher.shutDown()
            #expect(try await fixture.pendingCount(group: fixture.group(of: "crowd")) == 0)
        }
    }

    /// Acknowledgements are flushed before a graceful shutdown completes: the handler in flight
    /// finishes and its entry is no longer pending when `run()` returns.
    @Test func aGracefulShutdownLetsTheHandlerInFlightFinishAndAcknowledges() async throws {
        try await BusFixture.with { fixture in
            let envelope = BusFixture.envelopes(1)[0]
            try await fixture.publish([envelope])
            let log = DeliveryLog()
            let handler = ScriptedHandler(name: "finisher", topic: fixture.topic, log: log) { _, _ in
                try await Task.sleep(for: .milliseconds(300))
            }
            let consumer = RunningConsumer(handler, name: "alice", fixture: fixture)
            try await eventually("in flight") { log.calls.count == 1 }

            try await consumer.shutDown()
            #expect(log.handledUUIDs == [envelope.uuid], "finished, not cut short")
            #expect(try await fixture.pendingCount(group: fixture.group(of: "finisher")) == 0)
        }
    }

    /// The entries of a consumer that died are taken over by another after the claim idle time.
    @Test func theEntriesOfADeadConsumerAreTakenOver() async throws {
        try await BusFixture.with { fixture in
            let envelopes = BusFixture.envelopes(5)
            try await fixture.publish(envelopes)
            let log = DeliveryLog()
            let hanging = RunningConsumer(
                ScriptedHandler(name: "heir", topic: fixture.topic, log: log, consumer: "dying") { _, _ in
                    try await Task.sleep(for: .seconds(3600))
                },
                name: "dying", fixture: fixture)
            try await eventually("all in hand") { log.calls.count == 5 }
            await hanging.crash()

            let heir = RunningConsumer(ScriptedHandler(name: "heir", topic: fixture.topic, log: log, consumer: "heir"), name: "heir", fixture: fixture)
            try await eventually("all handled") { log.hasHandled(all: envelopes.map(\.uuid)) }
            try await eventually("all acknowledged") { try await fixture.pendingCount(group: fixture.group(of: "heir")) == 0 }
            try await heir.shutDown()
            for envelope in envelopes {
                #expect(log.attempts(of: envelope.uuid) == [1, 2], "the take-over counts as a delivery")
            }
            #expect(log.calls.filter { $0.consumer == "heir" }.count == 5)
        }
    }

    /// A consumer restarted under its name resumes its own pending entries at once, long before
    /// anyone could take them over.
    @Test func aRestartedConsumerResumesItsOwnPendingEntriesAtOnce() async throws {
        try await BusFixture.with { fixture in
            let envelopes = BusFixture.envelopes(5)
            try await fixture.publish(envelopes)
            let configuration = RunningConsumer.configuration(claimIdle: .seconds(600))
            let log = DeliveryLog()
            let hanging = RunningConsumer(
                ScriptedHandler(name: "phoenix", topic: fixture.topic, log: log) { _, context in
                    if context.attempt == 1 { try await Task.sleep(for: .seconds(3600)) }
                },
                name: "alice", fixture: fixture, configuration: configuration)
            try await eventually("all in hand") { log.calls.count == 5 }
            await hanging.crash()

            let restarted = RunningConsumer(
                ScriptedHandler(name: "phoenix", topic: fixture.topic, log: log), name: "alice", fixture: fixture,
                configuration: configuration)
            try await eventually("all handled") { log.hasHandled(all: envelopes.map(\.uuid)) }
            try await eventually("all acknowledged") { try await fixture.pendingCount(group: fixture.group(of: "phoenix")) == 0 }
            try await restarted.shutDown()
            #expect(envelopes.allSatisfy { log.attempts(of: $0.uuid) == [1, 2] })
        }
    }

    /// A handler slower than the claim idle time keeps its entries fresh: the other consumer of
    /// the group, running its take-over loop, never handles them too. Entries read but waiting
    /// for a place to run are kept fresh as well.
    @Test func aSlowHandlerIsNotTakenOverByAnotherConsumer() async throws {
        try await BusFixture.with { fixture in
            let envelopes = BusFixture.envelopes(2)
            let log = DeliveryLog()
            let slow = ScriptedHandler(name: "patient", topic: fixture.topic, log: log, consumer: "slow") { _, _ in
                try await Task.sleep(for: .milliseconds(1_500))
            }
            let alice = RunningConsumer(
                slow, name: "slow", fixture: fixture, configuration: RunningConsumer.configuration(maxInFlight: 1))
            try await fixture.publish(envelopes)
            try await eventually("the first in hand") { log.calls.count == 1 }
            let group = fixture.group(of: "patient")
            #expect(try await fixture.client.xpending(fixture.topic, group: group, count: 10).map(\.consumer) == ["slow", "slow"])

            let bob = RunningConsumer(
                ScriptedHandler(name: "patient", topic: fixture.topic, log: log, consumer: "eager"), name: "eager", fixture: fixture)
            try await eventually("both handled") { log.hasHandled(all: envelopes.map(\.uuid)) }
            try await eventually("both acknowledged") { try await fixture.pendingCount(group: group) == 0 }
            try await alice.shutDown()
            try await bob.shutDown()
            #expect(log.calls.map(\.consumer) == ["slow", "slow"])
            #expect(log.handledCounts.values.allSatisfy { $0 == 1 })
        }
    }
}
