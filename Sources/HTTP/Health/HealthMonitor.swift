import Entities
import Foundation
import Synchronization

/// Keeps what the parts of the service last reported about their dependencies, for `/health`.
/// Reading it never touches a dependency, so `/health` answers at once even while every
/// database connection is busy.
public final class HealthMonitor: HealthRecording {
    /// The last known state of one dependency.
    public struct DependencyState: Sendable, Equatable, Codable {
        public var up: Bool
        public var lastError: String?
        public var lastErrorAt: Date?

        enum CodingKeys: String, CodingKey {
            case up
            case lastError = "last_error"
            case lastErrorAt = "last_error_at"
        }
    }

    private struct State {
        var dependencies: [Dependency: DependencyState] = [:]
        var schemaMigrated = false
        var consumersSubscribed = false
    }

    private let state = Mutex(State())

    public init() {}

    public func recordUp(_ dependency: Dependency) {
        state.withLock { $0.dependencies[dependency, default: DependencyState(up: true)].up = true }
    }

    public func recordDown(_ dependency: Dependency, error: String) {
        state.withLock {
            $0.dependencies[dependency] = DependencyState(up: false, lastError: error, lastErrorAt: Date())
        }
    }

    public func recordSchemaMigrated() {
        state.withLock { $0.schemaMigrated = true }
    }

    public func recordConsumersSubscribed() {
        state.withLock { $0.consumersSubscribed = true }
    }

    /// What keeps the API from serving, empty when it can serve: Postgres reachable, schema
    /// migrated, consumers subscribed once. Redis going down later does not count: writes keep
    /// working through the outbox.
    public var problems: [String] {
        state.withLock { state in
            var problems: [String] = []
            if state.dependencies[.postgres]?.up != true {
                problems.append("postgres: " + (state.dependencies[.postgres]?.lastError ?? "not connected yet"))
            }
            if !state.schemaMigrated { problems.append("schema: not migrated yet") }
            if !state.consumersSubscribed {
                let redis = state.dependencies[.redis]?.lastError.map { " (redis: \($0))" } ?? ""
                problems.append("consumers: not subscribed yet" + redis)
            }
            return problems
        }
    }

    /// Every dependency with its state; one never heard from is reported down.
    public var dependencies: [Dependency: DependencyState] {
        state.withLock { state in
            Dictionary(uniqueKeysWithValues: Dependency.allCases.map { dependency in
                (dependency, state.dependencies[dependency] ?? DependencyState(up: false, lastError: "no contact yet"))
            })
        }
    }
}
