import Entities
import Foundation

/// The files API: `PUT /files-api/files/{file_id}/content` with the raw text; 201 stores the
/// file, 409 says it exists already, and both count as success.
public struct FilesClient: TicketFileStoring {
    private let caller: GatewayCaller

    public init(configuration: GatewayConfiguration, httpClient: CurlHTTPClient) {
        caller = GatewayCaller(api: .files, configuration: configuration, http: httpClient)
    }

    public func storeFile(fileID: String, content: String) async throws {
        try await caller.call(
            .put, "/files/\(gatewayPathSegment(fileID))/content",
            body: Data(content.utf8), contentType: "text/plain", accepting: [201, 409]
        ) { _ in }
    }
}
