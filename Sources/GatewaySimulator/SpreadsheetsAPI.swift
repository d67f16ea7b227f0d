import Hummingbird

/// `POST /spreadsheets-api/sheets/{sheet}/rows`: appends a row to the named sheet. With an
/// `Idempotency-Key` header a row is appended once per sheet and key; repeats are counted.
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
        let key = request.headers[.idempotencyKey]
        state.update { store in
            if let key {
                let (_, isFirst) = store.sheetAppends.recordOnce(key: SheetAppend.storeKey(sheet: sheet, idempotencyKey: key)) {
                    SheetAppend(sheet: sheet, idempotencyKey: key)
                }
                guard isFirst else { return }
            }
            store.sheets[sheet, default: []].append(body.columns)
        }
        return try SimulatorJSON.response([String: String]())
    }
}
