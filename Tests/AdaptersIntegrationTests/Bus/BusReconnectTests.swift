import Adapters
import Foundation
import Message
import Synchronization
import TestSupport
import Testing

/// Watermill's TestReconnect: the server restarts while messages flow, and none is lost.
@Suite struct BusReconnectTests {
    @Test func everyMessageIsHandledAlthoughTheServerRestartsInTheMiddle() async throws {
        let server = try await PrivateRedisServer(persistent: true)
        defer { server.stop() }
        try await BusFixture.with(address: server.address) { fixture in
            let envelopes = BusFixture.envelopes(10_000)
            let log = DeliveryLog()
            let consumer = RunningConsumer(
                ScriptedHandler(name: "survivor", topic: fixture.topic, log: log), name: "alice", fixture: fixture)
            let published = Atomic<Int>(0)
            let publishing = Task {
                for start in stride(from: 0, to: envelopes.count, by: 200) {
                    let chunk = Array(envelopes[start..<min(start + 200, envelopes.count)])
                    // At least once: a chunk that failed part way is published again whole.
                    while (try? await fixture.publish(chunk)) == nil {
                        try await Task.sleep(for: .milliseconds(20))
                    }
                    published.add(chunk.count, ordering: .relaxed)
                }
            }

            try await eventually("half published") { published.load(ordering: .relaxed) >= envelopes.count / 2 }
            try await server.shutDown()
            try await server.start()
            try await publishing.value

            try await eventually("all handled", within: .seconds(45)) { log.hasHandled(all: envelopes.map(\.uuid)) }
            try await eventually("all acknowledged") { try await fixture.pendingCount(group: fixture.group(of: "survivor")) == 0 }
            try await consumer.shutDown()
        }
    }
}
