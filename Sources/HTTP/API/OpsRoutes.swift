import Entities
import Foundation
import Hummingbird

extension TicketsAPI {
    static let defaultPageSize = 100
    static let maxPageSize = 1000

    /// `GET /ops/bookings` (optionally of one receipt day, paged by `limit` and `after`) and
    /// `GET /ops/bookings/{booking_id}`.
    func registerOpsRoutes(on router: RouterGroup<some RequestContext>) {
        router.get("bookings") { request, _ -> Response in
            let query = request.uri.queryParameters
            let day = try query["receipt_issue_date"].map { try Validation.day(String($0), field: "receipt_issue_date") }
            let after = try query["after"].map { try Validation.uuid(String($0), field: "after") }
            let limit = try query["limit"].map { raw -> Int in
                guard let limit = Int(raw), (1...Self.maxPageSize).contains(limit) else {
                    throw APIError.badRequest("limit must be a whole number from 1 to \(Self.maxPageSize)")
                }
                return limit
            } ?? Self.defaultPageSize
            return try .json(status: .ok, try await opsReadModel.bookings(receiptIssuedOn: day, after: after, limit: limit))
        }
        router.get("bookings/:booking_id") { _, context -> Response in
            let id = try Validation.uuid(context.parameters.get("booking_id") ?? "", field: "booking_id")
            guard let booking = try await opsReadModel.booking(id: id) else {
                throw APIError.notFound("booking \(id.uuidString.lowercased()) not found")
            }
            return try .json(status: .ok, booking)
        }
    }
}
