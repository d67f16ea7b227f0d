/// The APIs of the external gateway, named as the simulator's paths, faults and counts name them.
public enum SimulatedAPI: String, CaseIterable, Sendable, Codable {
    case receipts
    case payments
    case files
    case spreadsheets
    case deadNation = "dead-nation"

    /// The first path segment of the API, e.g. `receipts-api`.
    var pathPrefix: String { "\(rawValue)-api" }
}
