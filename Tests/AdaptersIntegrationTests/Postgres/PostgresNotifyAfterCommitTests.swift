import Adapters
import Foundation
import Testing
import TestSupport

/// `notifyAfterCommit`: the writers' wake-up of the outbox forwarders, sent after COMMIT.
@Suite struct PostgresNotifyAfterCommitTests {
    private struct Abandon: Error {}

    @Test func aCommittedTransactionNotifiesOnceAfterItsRowsAreVisible() async throws {
        let channel = TestEnvironment.uniqueName("outbox")
        try await PostgresTestDatabase.withSchema { client, configuration in
            try await client.execute("CREATE TABLE seats (id int4)")
            try await Self.withRecordedListener(channel: channel, configuration: configuration) { recorder in
                try await client.transaction { connection in
                    try connection.execute("INSERT INTO seats VALUES (1)")
                    try connection.notifyAfterCommit(channel: channel)
                    try connection.notifyAfterCommit(channel: channel)
                }
                // Notifications of one session arrive in order: once the marker is in, a second
                // wake-up of the transaction would be too.
                try await client.notify(channel: channel, payload: "marker")
                try await recorder.waitFor(notificationCount: 2)
                #expect(recorder.notifications.map(\.payload) == ["", "marker"])
                #expect(try await client.query("SELECT id FROM seats").count == 1)
            }
        }
    }

    @Test func aRolledBackTransactionNotifiesNobody() async throws {
        let channel = TestEnvironment.uniqueName("outbox")
        try await PostgresTestDatabase.withSchema { client, configuration in
            try await Self.withRecordedListener(channel: channel, configuration: configuration) { recorder in
                await #expect(throws: Abandon.self) {
                    try await client.transaction { connection in
                        try connection.notifyAfterCommit(channel: channel)
                        throw Abandon()
                    }
                }
                // The same connection, reused: nothing of the abandoned transaction is left to send.
                try await client.transaction { _ in }
                try await client.notify(channel: channel, payload: "marker")
                try await recorder.waitFor(notificationCount: 1)
                #expect(recorder.notifications.map(\.payload) == ["marker"])
            }
        }
    }

    @Test func outsideATransactionItNotifiesAtOnce() async throws {
        let channel = TestEnvironment.uniqueName("outbox")
        try await PostgresTestDatabase.withSchema { client, configuration in
            try await Self.withRecordedListener(channel: channel, configuration: configuration) { recorder in
                try await client.withConnection { try $0.notifyAfterCommit(channel: channel) }
                try await recorder.waitFor(notificationCount: 1)
                #expect(recorder.notifications.map(\.channel) == [channel])
            }
        }
    }

    @Test func aNotificationThatFailsAfterCommitLeavesTheTransactionCommitted() async throws {
        // Postgres refuses channel names longer than 63 bytes.
        let tooLong = String(repeating: "c", count: 100)
        try await PostgresTestDatabase.withSchema { client, _ in
            try await client.execute("CREATE TABLE seats (id int4)")
            try await client.transaction { connection in
                try connection.execute("INSERT INTO seats VALUES (1)")
                try connection.notifyAfterCommit(channel: tooLong)
            }
            #expect(try await client.query("SELECT id FROM seats").count == 1)
            // Outside a transaction the failure is the caller's to handle.
            await #expect(throws: PostgresError.self) {
                try await client.withConnection { try $0.notifyAfterCommit(channel: tooLong) }
            }
        }
    }

    private static func withRecordedListener(
        channel: String, configuration: PostgresClient.Configuration,
        _ body: (PostgresListenerRecorder) async throws -> Void
    ) async throws {
        let listener = PostgresNotificationListener(configuration: configuration, channel: channel)
        let recorder = PostgresListenerRecorder(listener)
        listener.start()
        do {
            try await recorder.waitFor(.listening)
            try await body(recorder)
        } catch {
            await listener.stop()
            throw error
        }
        await listener.stop()
    }
}
