import Adapters
import Entities
import Foundation
import Testing

@Suite("Postgres processed messages")
struct PostgresProcessedMessagesTests {
    struct EffectFailed: Error, Equatable {}

    @Test("the effect runs once per key")
    func effectRunsOnce() async throws {
        try await PersistenceTestContext.run { context in
            let processed = PostgresProcessedMessages(client: context.postgres)
            let runs = PostgresTestLocked(0)
            let key = PersistenceSamples.processingKey(handler: "IssueReceipt")
            for _ in 0..<3 {
                try await processed.once(key) { runs.withLock { $0 += 1 } }
            }
            #expect(runs.value == 1)
            #expect(try await context.rowCount(of: .processedMessages) == 1)
        }
    }

    @Test("an effect that threw runs again on the next delivery, and its error reaches the caller")
    func failedEffectRunsAgain() async throws {
        try await PersistenceTestContext.run { context in
            let processed = PostgresProcessedMessages(client: context.postgres)
            let runs = PostgresTestLocked(0)
            let key = PersistenceSamples.processingKey(handler: "IssueReceipt")
            await #expect(throws: EffectFailed()) {
                try await processed.once(key) {
                    runs.withLock { $0 += 1 }
                    throw EffectFailed()
                }
            }
            #expect(try await context.rowCount(of: .processedMessages) == 0)

            try await processed.once(key) { runs.withLock { $0 += 1 } }
            try await processed.once(key) { runs.withLock { $0 += 1 } }
            #expect(runs.value == 2)
        }
    }

    @Test("the same message processed by two handlers runs both effects")
    func keysAreHandlerScoped() async throws {
        try await PersistenceTestContext.run { context in
            let processed = PostgresProcessedMessages(client: context.postgres)
            let runs = PostgresTestLocked<[String]>([])
            let messageUUID = UUID().uuidString.lowercased()
            for handler in ["IssueReceipt", "AppendToPrintSheet", "IssueReceipt"] {
                try await processed.once(ProcessingKey(handler: handler, messageUUID: messageUUID)) {
                    runs.withLock { $0.append(handler) }
                }
            }
            #expect(runs.value == ["IssueReceipt", "AppendToPrintSheet"])
        }
    }
}
