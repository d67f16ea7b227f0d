import Adapters
import Foundation
import TestSupport

/// Clients for the shared test Redis, and the helpers the Redis tests share.
enum RedisTesting {
    static var sharedAddress: RedisAddress {
        get throws { try RedisAddress(parsing: TestEnvironment.redisAddress) }
    }

    static func configuration(
        address: RedisAddress? = nil,
        poolSize: Int = 4,
        commandTimeout: Duration? = .seconds(5),
        poolTimeout: Duration = .seconds(10)
    ) throws -> RedisConfiguration {
        RedisConfiguration(
            address: try address ?? sharedAddress, poolSize: poolSize, commandTimeout: commandTimeout,
            poolTimeout: poolTimeout)
    }

    /// Runs `body` with a client that is shut down afterwards, whether `body` throws or not.
    static func withClient<Result>(
        _ configuration: RedisConfiguration? = nil, _ body: (RedisClient) async throws -> Result
    ) async throws -> Result {
        let client = RedisClient(configuration: try configuration ?? self.configuration())
        do {
            let result = try await body(client)
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    /// Runs `body` with a blocking connection that is closed afterwards.
    static func withBlockingConnection<Result>(
        _ configuration: RedisConfiguration? = nil, _ body: (RedisBlockingConnection) async throws -> Result
    ) async throws -> Result {
        let connection = RedisBlockingConnection(configuration: try configuration ?? self.configuration())
        do {
            let result = try await body(connection)
            await connection.close()
            return result
        } catch {
            await connection.close()
            throw error
        }
    }

    /// Waits until the shared server lists a client named `name` blocked in `command`, so that a
    /// test knows a blocking call is in progress before it acts.
    static func waitUntilBlocked(clientNamed name: String, in command: String, using client: RedisClient) async throws {
        for _ in 0..<500 {
            let clients = try await client.send(["CLIENT", "LIST"]).string ?? ""
            if clients.split(separator: "\n").contains(where: {
                $0.contains("name=\(name) ") && $0.contains("cmd=\(command)")
            }) {
                return
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw SetupFailure(description: "client \(name) never blocked in \(command)")
    }

    /// A test could not set up what it needs.
    struct SetupFailure: Error, CustomStringConvertible {
        let description: String
    }
}

extension Data {
    /// Every byte value once, NUL included.
    static let allByteValues = Data((0...255).map { UInt8($0) })
}
