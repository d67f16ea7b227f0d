import Entities
import Foundation
import Hummingbird

/// Figures about the message flow that `/health/details` shows beside the dependencies.
public struct MessagingHealthFigures: Sendable, Equatable, Codable {
    public var outboxBacklog: Int
    public var deadLetters: Int

    public init(outboxBacklog: Int, deadLetters: Int) {
        self.outboxBacklog = outboxBacklog
        self.deadLetters = deadLetters
    }

    enum CodingKeys: String, CodingKey {
        case outboxBacklog = "outbox_backlog"
        case deadLetters = "dead_letters"
    }
}

/// `GET /health` (readiness, from recorded state only) and `GET /health/details`.
public struct HealthRoutes: Sendable {
    let monitor: HealthMonitor
    /// Reads the message-flow figures; `nil` when they cannot be read right now.
    let messagingFigures: @Sendable () async -> MessagingHealthFigures?

    public init(monitor: HealthMonitor, messagingFigures: @escaping @Sendable () async -> MessagingHealthFigures?) {
        self.monitor = monitor
        self.messagingFigures = messagingFigures
    }

    public func register(on router: Router<some RequestContext>) {
        router.get("/health") { _, _ in
            let problems = monitor.problems
            guard problems.isEmpty else {
                return try Response.json(
                    status: .serviceUnavailable,
                    HealthNotReady(error: "not ready: " + problems.joined(separator: "; "), down: problems)
                )
            }
            return Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "ok")))
        }
        router.get("/health/details") { _, _ in
            let details = HealthDetails(
                status: monitor.problems.isEmpty ? "ok" : "not ready",
                problems: monitor.problems,
                dependencies: Dictionary(uniqueKeysWithValues: monitor.dependencies.map { ($0.key.rawValue, $0.value) }),
                messaging: await messagingFigures()
            )
            return try Response.json(status: .ok, details)
        }
    }
}

/// The 503 body: `error` for people, `down` for tools.
private struct HealthNotReady: Encodable {
    var error: String
    var down: [String]
}

private struct HealthDetails: Encodable {
    var status: String
    var problems: [String]
    var dependencies: [String: HealthMonitor.DependencyState]
    var messaging: MessagingHealthFigures?
}
