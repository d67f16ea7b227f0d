import Hummingbird

/// `POST /spreadsheets-api/sheets/{sheet}/rows`: appends a row to the named sheet.
struct SpreadsheetsAPI {
    let state: SimulatorState

    struct RowBody: ValidatedBody {
        var columns: [String]

        func validate() throws {
            guard !columns.isEmpty else { throw SimulatorError.badRequest("field columns must not be empty") }
        }
    }

    func addRoutes(to group: RouterGroup<BasicRequestContext>) {
        group.post("sheets/:sheet/rows") { request, context in try await append(request, context: context) }
    }

    private func append(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let sheet = try context.parameters.require("sheet")
        let body = try await SimulatorJSON.decode(RowBody.self, from: request)
        state.update { $0.sheets[sheet, default: []].append(body.columns) }
        return try SimulatorJSON.response([String: String]())
    }
}
