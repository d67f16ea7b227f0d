import Hummingbird

/// The simulator's own endpoints under `/_sim`, for tests and people: what the gateway
/// received, faults to inject, and a reset. README.md lists them.
struct InspectionAPI {
    let state: SimulatorState
    let callbacks: CallbackDispatcher?

    func addRoutes(to group: RouterGroup<BasicRequestContext>) {
        group.get("requests") { request, _ in
            let api = try request.uri.queryParameters.get("api").map(Self.api(named:))
            let journal = state.update { $0.journal }
            return try SimulatorJSON.response(api.map { api in journal.filter { $0.api == api } } ?? journal)
        }
        group.get("stats") { _, _ in
            let counts = state.update { $0.requestCounts }
            let requests = Dictionary(uniqueKeysWithValues: SimulatedAPI.allCases.map { ($0.rawValue, counts[$0] ?? 0) })
            return try SimulatorJSON.response(["requests": requests])
        }
        group.get("receipts") { _, _ in try SimulatorJSON.response(state.update { $0.receipts.records }) }
        group.get("voids") { _, _ in try SimulatorJSON.response(state.update { $0.voids.records }) }
        group.get("refunds") { _, _ in try SimulatorJSON.response(state.update { $0.refunds.records }) }
        group.get("files") { _, _ in try SimulatorJSON.response(state.update { $0.files.records }) }
        group.get("files/:file_id") { _, context in try fileContent(context) }
        group.get("sheets") { _, _ in
            try SimulatorJSON.response(state.update { $0.sheets.mapValues(\.count) })
        }
        group.get("sheets/:sheet/rows") { _, context in
            let sheet = try context.parameters.require("sheet")
            return try SimulatorJSON.response(state.update { $0.sheets[sheet] ?? [] })
        }
        group.get("sheets/:sheet/keys") { _, context in
            let sheet = try context.parameters.require("sheet")
            return try SimulatorJSON.response(state.update { $0.sheetAppends.records.filter { $0.sheet == sheet } })
        }
        group.get("dead-nation/bookings") { _, _ in try SimulatorJSON.response(state.update { $0.bookings.records }) }
        group.get("callbacks") { _, _ in try SimulatorJSON.response(state.update { $0.callbacks.records }) }
        addFaultRoutes(to: group)
        group.post("reset") { _, _ in
            callbacks?.cancelAll()
            state.update { $0.reset() }
            return try SimulatorJSON.response([String: String]())
        }
    }

    private func addFaultRoutes(to group: RouterGroup<BasicRequestContext>) {
        group.get("faults") { _, _ in
            let faults = state.update { $0.faults }
            return try SimulatorJSON.response(Dictionary(uniqueKeysWithValues: faults.map { ($0.key.rawValue, $0.value) }))
        }
        group.put("faults/:api") { request, context in
            let api = try Self.api(named: context.parameters.require("api"))
            let rule = try await SimulatorJSON.decode(FaultRule.self, from: request)
            state.update { $0.faults[api] = rule }
            return try SimulatorJSON.response(rule)
        }
        group.delete("faults/:api") { _, context in
            let api = try Self.api(named: context.parameters.require("api"))
            state.update { $0.faults[api] = nil }
            return try SimulatorJSON.response([String: String]())
        }
    }

    private func fileContent(_ context: BasicRequestContext) throws -> Response {
        let fileID = try context.parameters.require("file_id")
        guard let file = state.update({ $0.files[fileID] }) else {
            throw SimulatorError.notFound("no file \(fileID)")
        }
        return Response(
            status: .ok,
            headers: [.contentType: file.contentType ?? "application/octet-stream"],
            body: .init(byteBuffer: ByteBuffer(bytes: file.content))
        )
    }

    private static func api(named name: String) throws -> SimulatedAPI {
        guard let api = SimulatedAPI(rawValue: name) else {
            let known = SimulatedAPI.allCases.map(\.rawValue).joined(separator: ", ")
            throw SimulatorError.notFound("no API \(name); known: \(known)")
        }
        return api
    }
}
