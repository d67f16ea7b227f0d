import Entities
import Foundation
import HTTPTypes
import Hummingbird

/// Takes the `Correlation-ID` of a request (or makes one), binds it to `Correlation.id` for
/// everything the request causes, and echoes it on the response. It sits outside
/// `ErrorMappingMiddleware`, so error responses carry the id too.
public struct CorrelationIDMiddleware<Context: RequestContext>: RouterMiddleware {
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let id = request.headers[.correlationID].flatMap { $0.isEmpty ? nil : $0 } ?? "gen_" + UUID().uuidString.lowercased()
        var response = try await Correlation.$id.withValue(id) { try await next(request, context) }
        response.headers[.correlationID] = id
        return response
    }
}

extension HTTPField.Name {
    /// The header carrying the correlation id across services (CONTRACT.md §2).
    public static var correlationID: Self { Self("Correlation-ID")! }
    /// The header making a write request safe to repeat.
    public static var idempotencyKey: Self { Self("Idempotency-Key")! }
}
