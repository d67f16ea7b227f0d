import Adapters
import Message
import Testing

@Suite("Outbox relay: backlog")
struct OutboxBacklogTests {
    @Test("the backlog counts every waiting row, due or not, and the age of the oldest")
    func backlogCountsWaitingRows() async throws {
        try await OutboxTestContext.run { context in
            let relay = try context.makeRelay()
            #expect(try await relay.backlog() == OutboxBacklog(count: 0, oldestAge: nil))

            try await context.write(OutboxTestMessages.messages(3, to: context.topic("backlog")))
            try await context.postgres.execute(
                "UPDATE outbox SET created_at = now() - interval '1 hour' WHERE id = (SELECT min(id) FROM outbox)")
            try await context.postgres.execute(
                "UPDATE outbox SET next_attempt_at = now() + interval '1 hour' WHERE id = (SELECT max(id) FROM outbox)")
            let backlog = try await relay.backlog()
            #expect(backlog.count == 3)
            #expect(try #require(backlog.oldestAge) >= .seconds(3600))

            #expect(try await relay.forwardRound(limit: 100) == OutboxRound(forwarded: 2, failed: 0))
            let remaining = try await relay.backlog()
            #expect(remaining.count == 1)
            #expect(try #require(remaining.oldestAge) >= .zero)
        }
    }
}
