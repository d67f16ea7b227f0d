import Entities
import Foundation
import Hummingbird

extension TicketsAPI {
    /// How long a hold may last, in seconds: long enough to pay, short enough that abandoned
    /// holds do not keep a rush's seats away for long.
    static let holdTTLSeconds = 1...3600

    struct HoldSeatsRequest: Decodable {
        var numberOfTickets: Int
        var customerEmail: String
        var ttlSeconds: Int

        enum CodingKeys: String, CodingKey {
            case numberOfTickets = "number_of_tickets"
            case customerEmail = "customer_email"
            case ttlSeconds = "ttl_seconds"
        }
    }

    struct HoldCreated: Encodable {
        @LowercaseUUID var holdID: UUID
        var expiresAt: Date

        enum CodingKeys: String, CodingKey {
            case holdID = "hold_id"
            case expiresAt = "expires_at"
        }
    }

    /// `POST /shows/{show_id}/holds`: holds seats (publishing `SeatsHeld_v1`); 201 with the hold's
    /// id and expiry, 400 when the seats are not free, 404 for an unknown show.
    /// `DELETE /holds/{hold_id}`: 204 whenever the hold no longer holds seats afterwards (released
    /// now, or released or expired before: retries are harmless); 404 for an unknown hold, 409
    /// for a hold that was booked.
    func registerHoldRoutes(on router: Router<some RequestContext>) {
        router.post("/shows/:show_id/holds") { request, context -> Response in
            let showID = try Validation.uuid(context.parameters.get("show_id") ?? "", field: "show_id")
            let body = try await RequestBody.decode(HoldSeatsRequest.self, from: request)
            let holdID = UUID()
            let hold = try await holds.hold(HoldRequest(
                holdID: holdID,
                showID: showID,
                numberOfTickets: try Validation.positiveCount(body.numberOfTickets, field: "number_of_tickets"),
                customerEmail: try Validation.email(body.customerEmail),
                ttlSeconds: try Validation.count(body.ttlSeconds, in: Self.holdTTLSeconds, field: "ttl_seconds"),
                idempotencyKey: request.idempotencyKey(or: "hold-" + holdID.uuidString.lowercased())
            ))
            return try .json(status: .created, HoldCreated(holdID: hold.holdID, expiresAt: hold.expiresAt))
        }
        router.delete("/holds/:hold_id") { request, context -> Response in
            let holdID = try Validation.uuid(context.parameters.get("hold_id") ?? "", field: "hold_id")
            let key = request.idempotencyKey(or: "release-" + holdID.uuidString.lowercased())
            try await holds.release(holdID: holdID, idempotencyKey: key)
            return Response(status: .noContent)
        }
    }
}
