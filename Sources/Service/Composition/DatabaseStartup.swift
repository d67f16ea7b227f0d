import Adapters
import Foundation
import HTTP
import Logging
import ServiceLifecycle

/// Connects to Postgres and migrates the schema at start, retrying with backoff while Postgres
/// is down (and saying so in `/health`), then opens the startup gate and keeps probing Postgres
/// so that `/health` follows it. Gives up, ending the service with a clear error, when Postgres
/// stays unreachable for `retryBudget`.
struct DatabaseStartup: Service {
    let client: PostgresClient
    let health: HealthMonitor
    let gate: StartupGate
    let retryBudget: Duration
    let logger: Logger

    struct Unreachable: Error, CustomStringConvertible {
        var budget: Duration
        var lastError: String
        var description: String {
            "PostgreSQL stayed unreachable for \(budget) (POSTGRES_STARTUP_TIMEOUT), giving up: \(lastError)"
        }
    }

    func run() async throws {
        try await connectAndMigrate()
        gate.open()
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(2)) }
            do {
                try await client.ping()
                health.recordUp(.postgres)
            } catch let error as PostgresError where error.kind == .poolTimeout {
                // Every connection is busy: Postgres answers, the service is just loaded.
                logger.debug("health probe found the pool busy", metadata: ["error": "\(error)"])
            } catch {
                health.recordDown(.postgres, error: "\(error)")
            }
        }
    }

    private func connectAndMigrate() async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + retryBudget
        var delay = Duration.milliseconds(100)
        while true {
            do {
                let applied = try await PostgresMigrator(client: client, migrations: TicketsSchema.migrations).migrate()
                health.recordUp(.postgres)
                health.recordSchemaMigrated()
                logger.info("schema ready", metadata: ["migrations.applied": "\(applied.map(\.version))"])
                return
            } catch {
                health.recordDown(.postgres, error: "\(error)")
                guard clock.now + delay < deadline else { throw Unreachable(budget: retryBudget, lastError: "\(error)") }
                logger.warning("PostgreSQL not ready, retrying", metadata: ["error": "\(error)", "retry.in": "\(delay)"])
                try await Task.sleep(for: delay)
                delay = min(delay * 2, .seconds(5))
            }
        }
    }
}
