import Foundation
import Hummingbird

/// `PUT /files-api/files/{file_id}/content`: stores the raw body once per file id (201); a
/// second store of the same id answers 409 and keeps the first content.
struct FilesAPI {
    let state: SimulatorState

    func addRoutes(to group: RouterGroup<BasicRequestContext>) {
        group.put("files/:file_id/content") { request, context in try await store(request, context: context) }
    }

    private func store(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let fileID = try context.parameters.require("file_id")
        let content = try await request.body.collect(upTo: SimulatorJSON.maxBodySize)
        let contentType = request.headers[.contentType]
        let (_, isFirst) = state.update { store in
            store.files.recordOnce(key: fileID) {
                StoredFile(fileID: fileID, contentType: contentType, content: Data(content.readableBytesView), storedAt: Date())
            }
        }
        guard isFirst else {
            throw SimulatorError(status: .conflict, message: "file \(fileID) already exists")
        }
        return try SimulatorJSON.response(["file_id": fileID], status: .created)
    }
}
