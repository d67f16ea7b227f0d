import Entities
import Foundation
import Hummingbird

extension TicketsAPI {
    /// The most shows one `POST /shows/bulk` may create (a body of about 200 KB).
    static let maxShowsInBulk = 1000

    struct BulkCreateShowsRequest: Decodable {
        var shows: [RequestBody.Lenient<CreateShowRequest>]
    }

    struct ShowsCreated: Encodable {
        var showIDs: [String]

        enum CodingKeys: String, CodingKey {
            case showIDs = "show_ids"
        }
    }

    /// `POST /shows/bulk`: creates every show of the batch in one transaction, or none. 201 with
    /// the new ids in the order of the batch; 400 listing every invalid item (also a Dead Nation
    /// id repeated within the batch); 409 listing every item whose Dead Nation id has a show.
    func registerBulkShowRoutes(on router: Router<some RequestContext>) {
        router.post("/shows/bulk") { request, _ -> Response in
            let items = try await RequestBody.decode(BulkCreateShowsRequest.self, from: request).shows
            guard !items.isEmpty else { throw APIError.badRequest("shows must hold at least one show") }
            guard items.count <= Self.maxShowsInBulk else {
                throw APIError.badRequest("shows holds \(items.count) shows; at most \(Self.maxShowsInBulk) can be created at once")
            }
            var batch: [Show] = []
            var problems: [APIError.Item] = []
            var firstItemOf: [UUID: Int] = [:]
            for (index, item) in items.enumerated() {
                do {
                    let show = try item.result.get().validated()
                    if let first = firstItemOf[show.deadNationID] {
                        problems.append(.init(index: index, error: "dead_nation_id repeats that of item \(first)"))
                    } else {
                        firstItemOf[show.deadNationID] = index
                        batch.append(show)
                    }
                } catch let error as DecodingError {
                    problems.append(.init(index: index, error: RequestBody.describe(error)))
                } catch let error as APIError {
                    problems.append(.init(index: index, error: error.message))
                }
            }
            guard problems.isEmpty else {
                throw APIError(.badRequest, "\(problems.count) of \(items.count) shows are invalid; none was created", items: problems)
            }
            do {
                try await shows.create(batch)
            } catch ShowCreationError.duplicateDeadNationIDs(let existing) {
                let clashes = batch.enumerated().compactMap { index, show in
                    existing[show.deadNationID].map {
                        APIError.Item(index: index, error: "a show with this dead_nation_id exists already", showID: $0.uuidString.lowercased())
                    }
                }
                throw APIError(.conflict, "\(clashes.count) of \(items.count) shows exist already; none was created", items: clashes)
            }
            return try .json(status: .created, ShowsCreated(showIDs: batch.map { $0.showID.uuidString.lowercased() }))
        }
    }
}
