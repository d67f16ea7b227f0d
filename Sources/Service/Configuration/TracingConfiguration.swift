/// Where spans go: OTLP over HTTP to `endpoint` (the collector's base URL, as in
/// `OTEL_EXPORTER_OTLP_ENDPOINT`; traces are posted to `<endpoint>/v1/traces`), under the
/// resource name `serviceName` (`OTEL_SERVICE_NAME`). Without an endpoint there is no tracing
/// configuration at all: no exporter runs and spans cost a no-op call.
struct TracingConfiguration: Sendable, Equatable {
    var endpoint: String
    var serviceName: String

    static let defaultServiceName = "tickets"

    /// The URL the exporter posts to.
    var tracesURL: String { endpoint + "/v1/traces" }
}
