import Entities
import Metrics

/// Where the gateway is and how long a call may take.
public struct GatewayConfiguration: Sendable {
    /// `GATEWAY_ADDR`: the gateway's base URL, e.g. `http://127.0.0.1:8888`.
    public var address: String
    public var timeouts: HTTPClientTimeouts
    /// Where the call metrics go; nil means the global `MetricsSystem` at the time of the call.
    public var metricsFactory: (any MetricsFactory)?
    /// Told whether the gateway answers, for `/health/details`.
    public var health: (any HealthRecording)?

    public init(
        address: String,
        timeouts: HTTPClientTimeouts = HTTPClientTimeouts(connect: .seconds(2), total: .seconds(10)),
        metricsFactory: (any MetricsFactory)? = nil,
        health: (any HealthRecording)? = nil
    ) {
        self.address = address
        self.timeouts = timeouts
        self.metricsFactory = metricsFactory
        self.health = health
    }
}
