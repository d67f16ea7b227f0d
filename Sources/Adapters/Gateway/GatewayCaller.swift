import Metrics
import Entities
import Foundation
import Instrumentation
import Tracing

/// What the gateway clients share: the API's base URL, the `Correlation-ID` header, JSON
/// bodies, the mapping of statuses to success or `GatewayError`, the call metric
/// `gateway_request_duration_seconds{api, outcome}`, and the client span `gateway <api>` whose
/// context goes out as the `traceparent` header.
struct GatewayCaller: Sendable {
    let api: GatewayAPI
    /// e.g. `http://127.0.0.1:8888/receipts-api`
    let baseURL: String
    let http: CurlHTTPClient
    let timeouts: HTTPClientTimeouts
    let metricsFactory: (any MetricsFactory)?
    let health: (any HealthRecording)?

    init(api: GatewayAPI, configuration: GatewayConfiguration, http: CurlHTTPClient) {
        self.api = api
        var address = configuration.address
        while address.hasSuffix("/") { address.removeLast() }
        baseURL = address + api.basePath
        self.http = http
        timeouts = configuration.timeouts
        metricsFactory = configuration.metricsFactory
        health = configuration.health
    }

    /// Sends `body` as JSON and reads the answer with `read` once its status is accepted.
    func callJSON<Body: Encodable, Result>(
        _ method: HTTPClientRequest.Method,
        _ path: String,
        body: Body,
        headers: HTTPClientHeaders = [:],
        accepting accepted: Set<Int> = [200],
        read: (HTTPClientResponse) throws -> Result
    ) async throws -> Result {
        try await call(
            method, path, body: try JSONEncoder().encode(body), contentType: "application/json",
            headers: headers, accepting: accepted, read: read
        )
    }

    /// Sends `body` as JSON; any accepted status is success, whatever the answer's body.
    func callJSON<Body: Encodable>(
        _ method: HTTPClientRequest.Method,
        _ path: String,
        body: Body,
        headers: HTTPClientHeaders = [:],
        accepting accepted: Set<Int> = [200]
    ) async throws {
        try await callJSON(method, path, body: body, headers: headers, accepting: accepted) { _ in }
    }

    /// The one place that sends a gateway call, maps its outcome and records its metric.
    func call<Result>(
        _ method: HTTPClientRequest.Method,
        _ path: String,
        body: Data,
        contentType: String,
        headers extraHeaders: HTTPClientHeaders = [:],
        accepting accepted: Set<Int>,
        read: (HTTPClientResponse) throws -> Result
    ) async throws -> Result {
        try await withSpan("gateway \(api.metricLabel)", ofKind: .client) { span in
            let url = baseURL + path
            span.attributes["http.request.method"] = method.rawValue
            span.attributes["url.full"] = url
            var headers: HTTPClientHeaders = [
                "Content-Type": contentType,
                "Accept": "application/json",
                "Correlation-ID": Correlation.id ?? "gen_" + UUID().uuidString.lowercased(),
            ]
            extraHeaders.fields.forEach { headers.add(name: $0.name, value: $0.value) }
            InstrumentationSystem.instrument.inject(span.context, into: &headers, using: HTTPClientHeadersTraceInjector())
            let request = HTTPClientRequest(method: method, url: url, headers: headers, body: body, timeouts: timeouts)
            let started = ContinuousClock.now
            do {
                let result = try await exchange(request, accepting: accepted, read: read)
                record(.success, since: started)
                health?.recordUp(.gateway)
                return result
            } catch let error as GatewayError {
                let outcome = GatewayCallOutcome(error)
                record(outcome, since: started)
                span.attributes["http.response.status_code"] = error.status
                // Answers the gateway gives to a bad call (4xx) say nothing about its health.
                if outcome != .error || (error.status ?? 0) >= 500 { health?.recordDown(.gateway, error: error.description) }
                throw error
            } catch {
                record(.cancelled, since: started)
                throw error
            }
        }
    }

    private func exchange<Result>(
        _ request: HTTPClientRequest,
        accepting accepted: Set<Int>,
        read: (HTTPClientResponse) throws -> Result
    ) async throws -> Result {
        let response: HTTPClientResponse
        do {
            response = try await http.execute(request)
        } catch let error as HTTPClientError {
            throw GatewayError(api: api, method: request.method, url: request.url, reason: .transport(error))
        }
        guard accepted.contains(response.status) else {
            throw GatewayError(
                api: api, method: request.method, url: request.url,
                reason: .unexpectedStatus(response.status), bodyExcerpt: GatewayError.excerpt(of: response.body)
            )
        }
        do {
            return try read(response)
        } catch {
            throw GatewayError(
                api: api, method: request.method, url: request.url,
                reason: .undecodableResponse(status: response.status, detail: "\(error)"),
                bodyExcerpt: GatewayError.excerpt(of: response.body)
            )
        }
    }

    private func record(_ outcome: GatewayCallOutcome, since started: ContinuousClock.Instant) {
        let dimensions = [("api", api.metricLabel), ("outcome", outcome.rawValue)]
        let timer = if let metricsFactory {
            CoreMetrics.Timer(label: "gateway_request_duration_seconds", dimensions: dimensions, preferredDisplayUnit: .seconds, factory: metricsFactory)
        } else {
            CoreMetrics.Timer(label: "gateway_request_duration_seconds", dimensions: dimensions, preferredDisplayUnit: .seconds)
        }
        let (seconds, attoseconds) = (ContinuousClock.now - started).components
        timer.recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}

/// The `outcome` dimension of `gateway_request_duration_seconds`.
enum GatewayCallOutcome: String {
    case success
    /// The gateway answered, but not as the call accepts (status or body).
    case error
    case timeout
    /// Refused connection or unresolvable host.
    case unreachable
    /// Any other transport failure.
    case transportError = "transport_error"
    /// The caller gave up (task cancelled).
    case cancelled

    init(_ error: GatewayError) {
        switch error.reason {
        case .unexpectedStatus, .undecodableResponse:
            self = .error
        case .transport(let transport):
            switch transport.kind {
            case .timeout: self = .timeout
            case .connectionRefused, .dnsFailure: self = .unreachable
            case .transport, .invalidRequest: self = .transportError
            }
        }
    }
}

/// A path segment with everything but unreserved characters percent-encoded, so a file id or
/// sheet name cannot change the path.
func gatewayPathSegment(_ value: String) -> String {
    value.addingPercentEncoding(withAllowedCharacters: unreservedURLCharacters) ?? value
}

/// RFC 3986 unreserved characters (ASCII only; `CharacterSet.alphanumerics` has all of Unicode).
private let unreservedURLCharacters = CharacterSet(
    charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
)
