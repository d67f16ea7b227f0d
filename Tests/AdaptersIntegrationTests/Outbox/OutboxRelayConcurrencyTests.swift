import Adapters
import Foundation
import Message
import TestSupport
import Testing

@Suite("Outbox relay: several forwarders")
struct OutboxRelayConcurrencyTests {
    @Test("two forwarders over 5,000 rows deliver every row exactly once")
    func twoForwardersDeliverEveryRowOnce() async throws {
        try await OutboxTestContext.run { context in
            let topics = (0..<4).map { context.topic("bulk-\($0)") }
            var written: [OutgoingMessage] = []
            for batch in 0..<10 {
                let messages = (0..<500).map { index in
                    OutboxTestMessages.message(to: topics[(batch * 500 + index) % topics.count])
                }
                try await context.write(messages)
                written += messages
            }

            // Two instances: each relay has a Postgres pool of its own.
            try await PostgresTestDatabase.withClient(context.postgresConfiguration) { first in
                try await PostgresTestDatabase.withClient(context.postgresConfiguration) { second in
                    let forwarders = try [first, second].map { postgres in
                        context.makeForwarder(relay: try context.makeRelay(postgres: postgres), batchSize: 250)
                    }
                    try await whileForwarding(forwarders) {
                        try await eventually("the outbox is emptied", within: .seconds(120)) {
                            try await context.outboxRowCount() == 0
                        }
                    }
                }
            }

            var deliveredCount = 0
            for topic in topics {
                let delivered = try await context.delivered(on: topic).map(\.uuid)
                deliveredCount += delivered.count
                #expect(Set(delivered) == Set(written.filter { $0.topic == topic }.map(\.envelope.uuid)))
            }
            #expect(deliveredCount == 5_000)
        }
    }

    @Test("rows another forwarder is publishing are skipped, not waited for")
    func rowsClaimedElsewhereAreSkipped() async throws {
        try await OutboxTestContext.run { context in
            let topic = context.topic("skip-locked")
            let messages = OutboxTestMessages.messages(10, to: topic)
            try await context.write(messages)

            let held = PublishingWhenAllowed(wrapping: try context.sharedRedisPublisher())
            let slow = try context.makeRelay(publisher: held)
            let fast = try context.makeRelay()
            async let slowRound = slow.forwardRound(limit: 4)
            // Runs before the implicit await of `slowRound` should the test fail early.
            defer { held.allow() }
            var waiting = held.waitingPublications.makeAsyncIterator()
            #expect(await waiting.next() == 4)

            #expect(try await fast.forwardRound(limit: 100) == OutboxRound(forwarded: 6, failed: 0))
            held.allow()
            #expect(try await slowRound == OutboxRound(forwarded: 4, failed: 0))

            let uuids = messages.map(\.envelope.uuid)
            #expect(try await context.delivered(on: topic).map(\.uuid) == Array(uuids[4...] + uuids[..<4]))
            #expect(try await context.outboxRowCount() == 0)
        }
    }
}
