import Adapters
import Entities
import Foundation
import Testing
import TestSupport

/// The read model's updates commute against the real database: three bookings of three tickets
/// each end in the same documents whatever order their events arrive in, and however many
/// arrive at once.
@Suite("Postgres ops read model: order independence")
struct PostgresOpsReadModelOrderTests {
    @Test("events applied one by one in any order make the same documents", arguments: [1, 2, 3, 4, 5] as [UInt64])
    func anyOrderMakesTheSameDocuments(seed: UInt64) async throws {
        let deliveries = try OpsReadModelEvents.threeBookings()
        var random = SeededRandom(seed: seed)
        let shuffled = deliveries.shuffled(using: &random)
        try await PersistenceTestContext.run { context in
            let readModel = PostgresOpsReadModelTests.readModel(context)
            for delivery in shuffled {
                try await delivery.apply(to: readModel)
            }
            #expect(try await readModel.allDocuments() == OpsReadModelEvents.expectedDocuments(deliveries))
        }
    }

    @Test("events applied all at once make the same documents")
    func concurrentDeliveriesMakeTheSameDocuments() async throws {
        let deliveries = try OpsReadModelEvents.threeBookings()
        try await PersistenceTestContext.run(poolSize: 8) { context in
            let readModel = PostgresOpsReadModelTests.readModel(context)
            try await Self.applyAtOnce(deliveries, to: readModel)
            #expect(try await readModel.allDocuments() == OpsReadModelEvents.expectedDocuments(deliveries))
        }
    }

    @Test("every event delivered twice at once is applied once")
    func concurrentRedeliveriesApplyOnce() async throws {
        let deliveries = try OpsReadModelEvents.threeBookings()
        try await PersistenceTestContext.run(poolSize: 8) { context in
            let readModel = PostgresOpsReadModelTests.readModel(context)
            try await Self.applyAtOnce(deliveries + deliveries, to: readModel)
            #expect(try await readModel.allDocuments() == OpsReadModelEvents.expectedDocuments(deliveries))
            #expect(try await context.rowCount(of: .processedMessages) == deliveries.count)
        }
    }

    /// Applies every delivery from a task of its own, all started together.
    private static func applyAtOnce(_ deliveries: [OpsReadModelDelivery], to readModel: PostgresOpsReadModel) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for delivery in deliveries {
                group.addTask { try await delivery.apply(to: readModel) }
            }
            try await group.waitForAll()
        }
    }
}
