/// The APIs of the external gateway (CONTRACT.md §4).
public enum GatewayAPI: String, Sendable, CaseIterable, CustomStringConvertible {
    case receipts
    case payments
    case files
    case spreadsheets
    case deadNation = "dead-nation"

    /// The API's base path under the gateway address, e.g. `/receipts-api`.
    var basePath: String { "/\(rawValue)-api" }

    /// The `api` dimension of the gateway metrics.
    var metricLabel: String { rawValue }

    public var description: String { rawValue }
}
