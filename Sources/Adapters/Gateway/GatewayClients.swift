/// One client per gateway API, sharing one configuration and one HTTP client; what the
/// composition root hands to the handlers as their ports.
public struct GatewayClients: Sendable {
    public let receipts: ReceiptsClient
    public let payments: PaymentsClient
    public let files: FilesClient
    public let spreadsheets: SpreadsheetsClient
    public let deadNation: DeadNationClient

    public init(configuration: GatewayConfiguration, httpClient: CurlHTTPClient) {
        receipts = ReceiptsClient(configuration: configuration, httpClient: httpClient)
        payments = PaymentsClient(configuration: configuration, httpClient: httpClient)
        files = FilesClient(configuration: configuration, httpClient: httpClient)
        spreadsheets = SpreadsheetsClient(configuration: configuration, httpClient: httpClient)
        deadNation = DeadNationClient(configuration: configuration, httpClient: httpClient)
    }
}
