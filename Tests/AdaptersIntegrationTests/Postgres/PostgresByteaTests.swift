import Adapters
import Foundation
import Testing

/// `bytea` values as the outbox stores payloads: every byte value, empty, and large.
@Suite struct PostgresByteaTests {
    @Test(arguments: [0, 1, 256, 70_000])
    func bytesRoundTripWhateverTheirLength(length: Int) async throws {
        let bytes = Data((0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 / 256) })
        try await PostgresTestDatabase.withClient(PostgresTestDatabase.configuration()) { client in
            let row = try #require(try await client.query("SELECT $1::bytea AS blob", [bytes]).first)
            #expect(try row.decode(Data.self, column: "blob") == bytes)
        }
    }
}
