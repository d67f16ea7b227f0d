import Adapters
import Message
import Testing
import TestSupport

@Suite("Outbox relay: waking up")
struct OutboxRelayWakeUpTests {
    @Test("a commit notification wakes the forwarder long before its poll interval")
    func notificationWakesTheForwarder() async throws {
        try await OutboxTestContext.run { context in
            // A channel of the test's own: commits of tests running alongside cannot wake it.
            let channel = TestEnvironment.uniqueName("outbox-wake")
            let topic = context.topic("wake")
            let relay = try context.makeRelay(notificationChannel: channel)
            let forwarder = context.makeForwarder(relay: relay, pollInterval: .seconds(3600))
            try await whileForwarding([forwarder]) {
                try await eventually("the relay listens") { try await listenerProcessID(of: context) != nil }
                // The poll would take an hour and the listener starting wakes the forwarder once
                // at most: three deliveries in a row need notifications.
                for _ in 1...3 {
                    let message = OutboxTestMessages.message(to: topic)
                    try await context.write([message], alsoNotifying: channel)
                    try await eventually("the message is forwarded") {
                        try await context.delivered(on: topic).last?.uuid == message.envelope.uuid
                    }
                }
            }
            #expect(try await context.delivered(on: topic).count == 3)
        }
    }

    @Test("the listener reconnecting wakes a waiting forwarder (notifications may have been lost)")
    func listenerReconnectingWakesTheWaiter() async throws {
        try await OutboxTestContext.run { context in
            let relay = try context.makeRelay(notificationChannel: TestEnvironment.uniqueName("outbox-reconnect"))
            await relay.waitForNewRows(timeout: .milliseconds(10))
            var firstListener: Int32?
            try await eventually("the relay listens") {
                firstListener = try await listenerProcessID(of: context)
                return firstListener != nil
            }
            // Consume the wake-up of the listener starting.
            await relay.waitForNewRows(timeout: .milliseconds(200))
            await relay.waitForNewRows(timeout: .milliseconds(200))

            let woke = await withTaskGroup(of: Bool.self) { group in
                group.addTask {
                    await relay.waitForNewRows(timeout: .seconds(3600))
                    return true
                }
                group.addTask {
                    try? await Task.sleep(for: .seconds(60))
                    return false
                }
                _ = try? await context.postgres.query("SELECT pg_terminate_backend($1)", [firstListener])
                let first = await group.next() ?? false
                group.cancelAll()
                return first
            }
            #expect(woke)
            try await eventually("the relay listens again") {
                let listener = try await listenerProcessID(of: context)
                return listener != nil && listener != firstListener
            }
        }
    }

    @Test("shutdown closes the listener's connection")
    func shutdownStopsListening() async throws {
        try await OutboxTestContext.run { context in
            let relay = try context.makeRelay(notificationChannel: TestEnvironment.uniqueName("outbox-shutdown"))
            await relay.waitForNewRows(timeout: .milliseconds(10))
            try await eventually("the relay listens") { try await listenerProcessID(of: context) != nil }
            await relay.shutdown()
            try await eventually("the listening session ends") { try await listenerProcessID(of: context) == nil }
        }
    }

    /// The server process of the relay's listening session, found by the test's application
    /// name and the statement it last ran.
    private func listenerProcessID(of context: OutboxTestContext) async throws -> Int32? {
        let rows = try await context.postgres.query(
            "SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND query LIKE 'LISTEN %'",
            [context.postgresConfiguration.applicationName])
        return try rows.first?.decode(column: "pid")
    }
}
