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

        /// The show it asks for, with a new id; a 400 naming the first bad field.
        func validated() throws -> Show {
            Show(
                showID: UUID(),
                deadNationID: try Validation.uuid(deadNationID, field: "dead_nation_id"),
                numberOfTickets: try Validation.positiveCount(numberOfTickets, field: "number_of_tickets"),
                startTime: try Validation.time(startTime, field: "start_time"),
                title: try Validation.nonEmpty(title, field: "title"),
                venue: try Validation.nonEmpty(venue, field: "venue")
            )
        }
    }

    struct ShowCreated: Encodable {
        @LowercaseUUID var showID: UUID

        enum CodingKeys: String, CodingKey {
            case showID = "show_id"
        }
    }

    /// `GET /shows/{show_id}`: the show as created, and its seats.
    struct ShowDetails: Encodable {
        struct Seats: Encodable {
            var capacity: Int
            var booked: Int
            var held: Int
            var available: Int
        }

        @LowercaseUUID var showID: UUID
        @LowercaseUUID var deadNationID: UUID
        var numberOfTickets: Int
        var startTime: Date
        var title: String
        var venue: String
        var seats: Seats

        init(_ availability: ShowAvailability) {
            let show = availability.show
            showID = show.showID
            deadNationID = show.deadNationID
            numberOfTickets = show.numberOfTickets
            startTime = show.startTime
            title = show.title
            venue = show.venue
            seats = Seats(capacity: availability.capacity, booked: availability.booked, held: availability.held, available: availability.available)
        }

        enum CodingKeys: String, CodingKey {
            case showID = "show_id"
            case deadNationID = "dead_nation_id"
            case numberOfTickets = "number_of_tickets"
            case startTime = "start_time"
            case title
            case venue
            case seats
        }
    }

    /// `POST /shows`: 201 with the new show's id, 409 naming the show that has the Dead Nation id.
    /// `GET /shows/{show_id}`: the show with its booked, held and available seats.
    func registerShowRoutes(on router: Router<some RequestContext>) {
        router.post("/shows") { request, _ -> Response in
            let show = try await RequestBody.decode(CreateShowRequest.self, from: request).validated()
            try await shows.create(show)
            return try .json(status: .created, ShowCreated(showID: show.showID))
        }
        router.get("/shows/:show_id") { _, context -> Response in
            let showID = try Validation.uuid(context.parameters.get("show_id") ?? "", field: "show_id")
            guard let availability = try await shows.availability(of: showID) else { throw APIError.notFound("show not found") }
            return try .json(status: .ok, ShowDetails(availability))
        }
        registerBulkShowRoutes(on: router)
    }
}
