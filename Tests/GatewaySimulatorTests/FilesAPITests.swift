import GatewaySimulator
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite struct FilesAPITests {
    struct RecordedFile: Decodable {
        var file_id: String
        var content_type: String?
        var size: Int
        var repeats: Int
    }

    @Test func aFileIsStoredOnceAndASecondStoreIsAConflict() async throws {
        try await withSimulator { client in
            let uri = "/files-api/files/abc-ticket.html/content"
            let plain: HTTPFields = [.contentType: "text/plain"]
            let first = try await client.send(.put, uri, body: "<p>first</p>", headers: plain)
            #expect(first.status == .created)
            let second = try await client.send(.put, uri, body: "<p>second</p>", headers: plain)
            #expect(second.status == .conflict)
            #expect(second.errorMessage == "file abc-ticket.html already exists")

            let content = try await client.send(.get, "/_sim/files/abc-ticket.html")
            #expect(content.status == .ok)
            #expect(content.text == "<p>first</p>")
            #expect(content.headers[.contentType] == "text/plain")

            let files = try await client.inspect("/_sim/files", as: [RecordedFile].self)
            #expect(files.count == 1)
            #expect(files.first?.file_id == "abc-ticket.html")
            #expect(files.first?.size == "<p>first</p>".utf8.count)
            #expect(files.first?.repeats == 1)
        }
    }

    @Test func anUnknownFileIsNotFound() async throws {
        try await withSimulator { client in
            let response = try await client.send(.get, "/_sim/files/missing")
            #expect(response.status == .notFound)
            #expect(response.errorMessage == "no file missing")
        }
    }
}
