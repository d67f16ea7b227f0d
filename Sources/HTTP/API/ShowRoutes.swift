import Entities
import Foundation
import Hummingbird

extension TicketsAPI {
    struct CreateShowRequest: Decodable {
        var deadNationID: String
        var numberOfTickets: Int
        var startTime: String
        var title: String
        var venue: String

        enum CodingKeys: String, CodingKey {
            case deadNationID = "dead_nation_id"
            case numberOfTickets = "number_of_tickets"
            case startTime = "start_time"
            case title
            case venue
        }
    }

    struct ShowCreated: Encodable {
        @LowercaseUUID var showID: UUID

        enum CodingKeys: String, CodingKey {
            case showID = "show_id"
        }
    }

    /// `POST /shows`: 201 with the new show's id, 409 naming the show that has the Dead Nation id.
    func registerShowRoutes(on router: Router<some RequestContext>) {
        router.post("/shows") { request, _ -> Response in
            let body = try await RequestBody.decode(CreateShowRequest.self, from: request)
            let show = Show(
                showID: UUID(),
                deadNationID: try Validation.uuid(body.deadNationID, field: "dead_nation_id"),
                numberOfTickets: try Validation.positiveCount(body.numberOfTickets, field: "number_of_tickets"),
                startTime: try Validation.time(body.startTime, field: "start_time"),
                title: try Validation.nonEmpty(body.title, field: "title"),
                venue: try Validation.nonEmpty(body.venue, field: "venue")
            )
            try await shows.create(show)
            return try .json(status: .created, ShowCreated(showID: show.showID))
        }
    }
}
