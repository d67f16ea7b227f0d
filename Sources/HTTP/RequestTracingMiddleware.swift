import Hummingbird

/// A server span per request (Hummingbird's `TracingMiddleware`: continues the caller's
/// `traceparent`, named after the matched route), except for `/health*` and `/metrics`:
/// probes and scrapes every few seconds would bury the traces worth reading.
public struct RequestTracingMiddleware<Context: RequestContext>: RouterMiddleware {
    private let tracing = TracingMiddleware<Context>(recordingHeaders: [.correlationID])

    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard Self.isTraced(path: request.uri.path) else { return try await next(request, context) }
        return try await tracing.handle(request, context: context, next: next)
    }

    static func isTraced(path: String) -> Bool {
        path != "/metrics" && path != "/health" && !path.hasPrefix("/health/")
    }
}
