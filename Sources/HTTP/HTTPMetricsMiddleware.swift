import Dispatch
import Hummingbird
import Metrics

/// Records `http_server_request_duration_seconds` by route (the matched pattern, never the raw
/// path, so labels stay few), method and status.
public struct HTTPMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = DispatchTime.now().uptimeNanoseconds
        let response = try await next(request, context)
        Timer(
            label: "http_server_request_duration_seconds",
            dimensions: [
                ("route", context.endpointPath ?? "unmatched"),
                ("method", request.method.rawValue),
                ("status", String(response.status.code)),
            ],
            preferredDisplayUnit: .seconds
        ).recordNanoseconds(DispatchTime.now().uptimeNanoseconds - start)
        return response
    }
}
