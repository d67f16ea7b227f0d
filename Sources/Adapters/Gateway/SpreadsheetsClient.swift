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

    /// Sends the key as the `Idempotency-Key` header.
    public func appendRow(sheet: String, columns: [String], idempotencyKey: String) async throws {
        try await caller.callJSON(
            .post, "/sheets/\(gatewayPathSegment(sheet))/rows", body: RowRequest(columns: columns),
            headers: ["Idempotency-Key": idempotencyKey]
        )
    }
}
