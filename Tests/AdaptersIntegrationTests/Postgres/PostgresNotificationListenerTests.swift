import Adapters
import Foundation
import Testing
import TestSupport

@Suite struct PostgresNotificationListenerTests {
    @Test func deliversNotificationsOfItsChannelWithTheirPayload() async throws {
        let channel = TestEnvironment.uniqueName("Outbox")
        try await Self.withListener(channel: channel) { listener, recorder, client in
            try await recorder.waitFor(.listening)
            try await client.notify(channel: TestEnvironment.uniqueName("other"), payload: "not for us")
            try await client.notify(channel: channel, payload: "first")
            // Sent in a transaction: delivered at commit.
            try await client.transaction { connection in
                try connection.notify(channel: channel, payload: "héllo 🎟️ {\"json\": true}")
            }
            try await recorder.waitFor(notificationCount: 2)
            #expect(recorder.notifications.map(\.payload) == ["first", "héllo 🎟️ {\"json\": true}"])
            #expect(recorder.notifications.allSatisfy { $0.channel == channel })
        }
    }

    @Test func aRolledBackTransactionNotifiesNobody() async throws {
        let channel = TestEnvironment.uniqueName("outbox")
        try await Self.withListener(channel: channel) { _, recorder, client in
            try await recorder.waitFor(.listening)
            struct Abandon: Error {}
            _ = try? await client.transaction { connection in
                try connection.notify(channel: channel, payload: "rolled back")
                throw Abandon()
            }
            try await client.notify(channel: channel, payload: "committed")
            try await recorder.waitFor(notificationCount: 1)
            #expect(recorder.notifications.map(\.payload) == ["committed"])
        }
    }

    @Test func reconnectsAndListensAgainAfterItsSessionIsTerminated() async throws {
        let channel = TestEnvironment.uniqueName("outbox")
        let listenerName = TestEnvironment.uniqueName("pg-listener")
        try await Self.withListener(channel: channel, applicationName: listenerName) { _, recorder, client in
            try await recorder.waitFor(.listening)
            try await PostgresTestDatabase.terminateSessions(of: listenerName)
            try await recorder.waitFor(.reconnected)
            try await client.notify(channel: channel, payload: "after reconnect")
            try await recorder.waitFor(notificationCount: 1)
            #expect(recorder.notifications.map(\.payload) == ["after reconnect"])
            #expect(recorder.events.first == .listening)
        }
    }

    @Test func stopEndsTheEventsAndClosesTheSession() async throws {
        let channel = TestEnvironment.uniqueName("outbox")
        let listenerName = TestEnvironment.uniqueName("pg-listener")
        try await Self.withListener(channel: channel, applicationName: listenerName) { listener, recorder, client in
            try await recorder.waitFor(.listening)
            await listener.stop()
            await recorder.waitUntilFinished()
            try await PostgresTestDatabase.waitUntil {
                try await client.query("SELECT 1 FROM pg_stat_activity WHERE application_name = $1", [listenerName]).isEmpty
            }
        }
    }

    @Test func aListenerThatCannotConnectYieldsNothingAndStillStops() async throws {
        let port = try PostgresClosedPort.find()
        let configuration = try PostgresTestDatabase.configuration(url: "postgresql://postgres@127.0.0.1:\(port)/tickets_test")
        let listener = PostgresNotificationListener(configuration: configuration, channel: "nowhere")
        let recorder = PostgresListenerRecorder(listener)
        listener.start()
        await listener.stop()
        await recorder.waitUntilFinished()
        #expect(recorder.events.isEmpty)
    }

    @Test func stoppingANeverStartedListenerEndsItsEvents() async throws {
        let listener = PostgresNotificationListener(configuration: try PostgresTestDatabase.configuration(), channel: "unused")
        let recorder = PostgresListenerRecorder(listener)
        await listener.stop()
        await recorder.waitUntilFinished()
        listener.start()
        #expect(recorder.events.isEmpty)
    }

    private static func withListener(
        channel: String, applicationName: String = TestEnvironment.uniqueName("pg-listener"),
        _ body: (PostgresNotificationListener, PostgresListenerRecorder, PostgresClient) async throws -> Void
    ) async throws {
        let listener = PostgresNotificationListener(
            configuration: try PostgresTestDatabase.configuration(applicationName: applicationName), channel: channel)
        let recorder = PostgresListenerRecorder(listener)
        listener.start()
        do {
            try await PostgresTestDatabase.withClient(PostgresTestDatabase.configuration(poolSize: 2)) { client in
                try await body(listener, recorder, client)
            }
        } catch {
            await listener.stop()
            throw error
        }
        await listener.stop()
    }
}

/// Reads a listener's events in a task of its own and keeps them for the test to inspect.
final class PostgresListenerRecorder: Sendable {
    private let recorded = PostgresTestLocked<[PostgresListenerEvent]>([])
    private let reader: Task<Void, Never>

    init(_ listener: PostgresNotificationListener) {
        reader = Task { [recorded] in
            for await event in listener.events {
                recorded.withLock { $0.append(event) }
            }
        }
    }

    var events: [PostgresListenerEvent] { recorded.value }

    var notifications: [PostgresNotification] {
        events.compactMap { event in
            guard case .notification(let notification) = event else { return nil }
            return notification
        }
    }

    func waitFor(_ event: PostgresListenerEvent) async throws {
        try await PostgresTestDatabase.waitUntil { events.contains(event) }
    }

    func waitFor(notificationCount: Int) async throws {
        try await PostgresTestDatabase.waitUntil { notifications.count >= notificationCount }
    }

    func waitUntilFinished() async {
        await reader.value
    }
}
