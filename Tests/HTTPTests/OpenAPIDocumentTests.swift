import Foundation
import HTTP
import Hummingbird
import HummingbirdTesting
import Testing

/// `openapi.yaml` is the document the service serves, byte for byte.
@Suite struct OpenAPIDocumentTests {
    private static let repositoryFile = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("openapi.yaml")

    @Test func theEmbeddedDocumentIsTheRepositorysFile() throws {
        let file = try Data(contentsOf: Self.repositoryFile)
        #expect(Data(OpenAPIDocument.yaml.utf8) == file, "openapi.yaml changed: run scripts/embed-openapi.sh")
    }

    @Test func theRouteServesTheFileAsYAML() async throws {
        let file = try Data(contentsOf: Self.repositoryFile)
        let router = Router()
        OpenAPIRoute.register(on: router)
        try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/openapi.yaml", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/yaml")
                #expect(Data(buffer: response.body) == file)
            }
        }
    }
}
