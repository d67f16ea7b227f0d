import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// The one place where errors become HTTP responses: `{"error": "<human message>"}` with a
/// fitting status. Errors that are not meant for clients become a 500 without internals; the
/// details go to the log instead.
public struct ErrorMappingMiddleware<Context: RequestContext>: RouterMiddleware {
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return .jsonError(status: error.status, body: error.body)
        } catch let error as any HTTPResponseError {
            return .jsonError(status: error.status, body: ["error": Self.message(for: error)])
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            return .jsonError(status: .internalServerError, body: ["error": "internal error"])
        }
    }

    /// Hummingbird's own errors (unknown route, undecodable body, ...) keep their status; the
    /// message is its own when it has one, otherwise the status phrase.
    private static func message(for error: any HTTPResponseError) -> String {
        if let httpError = error as? HTTPError, let message = httpError.body, !message.isEmpty {
            return message
        }
        return error.status.reasonPhrase.lowercased()
    }
}

extension Response {
    static func jsonError(status: HTTPResponse.Status, body: [String: String]) -> Response {
        let data = (try? JSONCoding.encoder.encode(body)) ?? Data(#"{"error":"internal error"}"#.utf8)
        return Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data))
        )
    }
}
