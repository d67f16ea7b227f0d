import Adapters
import Foundation
import Message
import TestSupport
import Testing

@Suite("Outbox relay: delivery")
struct OutboxRelayDeliveryTests {
    @Test("rows written with OutboxWriter arrive on their topics as the exact Watermill entries")
    func rowsArriveAsWatermillEntries() async throws {
        try await OutboxTestContext.run { context in
            let events = context.topic("events")
            let printed = context.topic("printed")
            let plain = OutboxTestMessages.message(to: events)
            var traced = OutboxTestMessages.message(to: printed, payload: Data([0x00, 0xff, 0x7b, 0x0a, 0x80]))
            traced.envelope.metadata[MetadataKey.traceparent] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
            var bare = OutboxTestMessages.message(to: events)
            bare.envelope.metadata = [:]

            let relay = try context.makeRelay()
            try await whileForwarding([context.makeForwarder(relay: relay)]) {
                try await context.write([plain, traced])
                try await context.write([bare])
                try await eventually("the outbox is emptied") { try await context.outboxRowCount() == 0 }
            }

            #expect(try await fields(on: events, in: context) == [plain, bare].map { WatermillStreamMarshaler.fields(of: $0.envelope) })
            #expect(try await fields(on: printed, in: context) == [WatermillStreamMarshaler.fields(of: traced.envelope)])
            let tracedFields = try #require(try await fields(on: printed, in: context).first)
            #expect(tracedFields.map(\.name) == ["_watermill_message_uuid", "payload", "metadata"])
            #expect(try MessagePackMetadata.decode(tracedFields[2].value) == traced.envelope.metadata)
            #expect(try await context.delivered(on: events) == [plain.envelope, bare.envelope])
        }
    }

    @Test("transactions committed in reverse order all arrive; a rolled-back one never does")
    func commitOrderDoesNotMatterAndRollbacksNeverArrive() async throws {
        try await OutboxTestContext.run(poolSize: 8) { context in
            let topic = context.topic("reverse")
            let messages = OutboxTestMessages.messages(5, to: topic)
            var transactions: [HeldOpenTransaction] = []
            // Opened in order, so their rows get increasing ids.
            for message in messages {
                let transaction = HeldOpenTransaction(writing: [message], with: context.postgres)
                await transaction.untilWritten()
                transactions.append(transaction)
            }
            let relay = try context.makeRelay()
            #expect(try await relay.forwardRound(limit: 100) == OutboxRound(forwarded: 0, failed: 0))

            var committed: [String] = []
            for index in [4, 3, 1, 0] {
                try await transactions[index].commit()
                committed.append(messages[index].envelope.uuid)
                #expect(try await relay.forwardRound(limit: 100) == OutboxRound(forwarded: 1, failed: 0))
                #expect(try await context.delivered(on: topic).map(\.uuid) == committed)
                if index == 3 {
                    #expect(await transactions[2].rollBack() is HeldOpenTransaction.RolledBackOnPurpose)
                }
            }

            #expect(try await relay.forwardRound(limit: 100) == OutboxRound(forwarded: 0, failed: 0))
            #expect(try await context.delivered(on: topic).map(\.uuid) == committed)
            #expect(!committed.contains(messages[2].envelope.uuid))
            #expect(try await context.outboxRowCount() == 0)
        }
    }

    @Test("a long-open transaction delays only its own rows")
    func longOpenTransactionDelaysOnlyItsOwnRows() async throws {
        try await OutboxTestContext.run(poolSize: 6) { context in
            let topic = context.topic("long-open")
            let late = OutboxTestMessages.message(to: topic)
            let others = OutboxTestMessages.messages(2, to: topic)
            // Opened first: its row has the smallest id, yet commits last.
            let open = HeldOpenTransaction(writing: [late], with: context.postgres)
            await open.untilWritten()

            let relay = try context.makeRelay()
            try await whileForwarding([context.makeForwarder(relay: relay)]) {
                for message in others {
                    try await context.write([message])
                }
                try await eventually("the other rows are forwarded") {
                    try await context.delivered(on: topic).count == others.count
                }
                try await open.commit()
                try await eventually("the late row is forwarded") {
                    try await context.delivered(on: topic).count == others.count + 1
                }
            }

            #expect(try await context.delivered(on: topic).map(\.uuid) == (others + [late]).map(\.envelope.uuid))
            #expect(try await context.outboxRowCount() == 0)
        }
    }

    @Test("a crash between XADD and COMMIT publishes the same UUIDs again on the next round")
    func crashAfterPublishingRepublishesTheSameMessages() async throws {
        try await OutboxTestContext.run { context in
            let topic = context.topic("crash")
            let messages = OutboxTestMessages.messages(2, to: topic)
            let uuids = messages.map(\.envelope.uuid)
            try await context.write(messages)

            let crashing = try context.makeRelay(
                publisher: PublishingThenCrashing(wrapped: context.sharedRedisPublisher()))
            await #expect(throws: PublishingThenCrashing.SimulatedCrash.self) {
                try await crashing.forwardRound(limit: 100)
            }
            #expect(try await context.delivered(on: topic).map(\.uuid) == uuids)
            #expect(try await context.outboxRowCount() == 2)
            let attempts = try await context.postgres.query("SELECT sum(attempts)::int8 AS attempts FROM outbox")
            #expect(try attempts[0].decode(Int.self, column: "attempts") == 0)

            let relay = try context.makeRelay()
            #expect(try await relay.forwardRound(limit: 100) == OutboxRound(forwarded: 2, failed: 0))
            #expect(try await context.delivered(on: topic).map(\.uuid) == uuids + uuids)
            #expect(try await context.outboxRowCount() == 0)
        }
    }

    /// The raw fields of every entry on `topic`, in stream order.
    private func fields(on topic: String, in context: OutboxTestContext) async throws -> [[StreamField]] {
        try await context.redis.xrange(topic).map { entry in
            (entry.fields ?? []).map { StreamField(name: $0.name, value: $0.value) }
        }
    }
}
