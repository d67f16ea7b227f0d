import Entities
import Foundation
import HTTPTypes
import Hummingbird

/// Takes the `Correlation-ID` of a request (or makes one), binds it to `Correlation.id` for
/// everything the request causes, and echoes it on the response.
public struct CorrelationIDMiddleware<Context: RequestContext>: RouterMiddleware {
    public static var headerName: HTTPField.Name { HTTPField.Name("Correlation-ID")! }

    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let id = request.headers[Self.headerName].flatMap { $0.isEmpty ? nil : $0 } ?? "gen_" + UUID().uuidString.lowercased()
        do {
            var response = try await Correlation.$id.withValue(id) { try await next(request, context) }
            response.headers[Self.headerName] = id
            return response
        } catch let error as any HTTPResponseError {
            throw CorrelatedError(base: error, correlationID: id)
        }
    }
}

/// An error response that still carries the request's correlation id header.
struct CorrelatedError: HTTPResponseError {
    let base: any HTTPResponseError
    let correlationID: String

    var status: HTTPResponse.Status { base.status }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = try base.response(from: request, context: context)
        response.headers[CorrelationIDMiddleware<BasicRequestContext>.headerName] = correlationID
        return response
    }
}
