import Entities

/// The spreadsheets API: `POST /spreadsheets-api/sheets/{sheet}/rows`.
public struct SpreadsheetsClient: SpreadsheetAppending {
    private let caller: GatewayCaller

    public init(configuration: GatewayConfiguration, httpClient: CurlHTTPClient) {
        caller = GatewayCaller(api: .spreadsheets, configuration: configuration, http: httpClient)
    }

    private struct RowRequest: Encodable {
        var columns: [String]
    }

    public func appendRow(sheet: String, columns: [String]) async throws {
        try await caller.callJSON(.post, "/sheets/\(gatewayPathSegment(sheet))/rows", body: RowRequest(columns: columns))
    }
}
