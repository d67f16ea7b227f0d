import Entities
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
        } catch {
            if let apiError = Self.apiError(for: error) {
                return .jsonError(status: apiError.status, body: apiError.body)
            }
            if let busy = error as? any TemporaryUnavailability, busy.isTemporaryUnavailability {
                context.logger.warning("request refused, service busy", metadata: ["error": "\(busy)"])
                var response = Response.jsonError(
                    status: .serviceUnavailable, body: APIError.Body(fields: ["error": "the service is busy, try again shortly"], items: [])
                )
                response.headers[.retryAfter] = String(Self.retryAfterSeconds)
                return response
            }
            context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            return .jsonError(status: .internalServerError, body: APIError.Body(fields: ["error": "internal error"], items: []))
        }
    }

    /// What a 503 for a temporary unavailability asks the client to wait: about one pool wait.
    static var retryAfterSeconds: Int { 1 }

    /// The client's view of an error; `nil` for errors that are the service's own fault.
    static func apiError(for error: any Error) -> APIError? {
        switch error {
        case let error as APIError:
            error
        case ShowCreationError.duplicateDeadNationID(let existing):
            APIError(.conflict, "a show with this dead_nation_id exists already", extra: ["show_id": existing.uuidString.lowercased()])
        case BookingError.showNotFound:
            .notFound("show not found")
        case BookingError.notEnoughSeats:
            .badRequest("not enough seats available")
        case HoldError.holdNotFound:
            .notFound("hold not found")
        case HoldError.expired:
            .conflict("the hold expired")
        case HoldError.released:
            .conflict("the hold was released")
        case HoldError.alreadyBooked(let bookingID):
            APIError(.conflict, "the hold was booked already", extra: ["booking_id": bookingID.uuidString.lowercased()])
        case ShowCreationError.duplicateDeadNationIDs:
            // `POST /shows/bulk` lists these item by item; this is the answer without the list.
            APIError(.conflict, "shows with these dead_nation_ids exist already")
        case RefundError.ticketNotFound:
            .notFound("ticket not found")
        case let error as any HTTPResponseError where error.status.code < 500:
            // Hummingbird's own: unknown route, body too large, ...
            APIError(error.status, (error as? HTTPError)?.body.flatMap { $0.isEmpty ? nil : $0 } ?? error.status.reasonPhrase.lowercased())
        default:
            nil
        }
    }
}

extension Response {
    static func jsonError(status: HTTPResponse.Status, body: APIError.Body) -> Response {
        let data = (try? JSONCoding.encoder.encode(body)) ?? Data(#"{"error":"internal error"}"#.utf8)
        return Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data))
        )
    }
}
