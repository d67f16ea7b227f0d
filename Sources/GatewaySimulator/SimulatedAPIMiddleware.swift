import Foundation
import Hummingbird

/// Wraps every route of one simulated API: counts the call, applies the API's injected fault,
/// and writes the call and its answer to the journal.
struct SimulatedAPIMiddleware<Context: RequestContext>: RouterMiddleware {
    let api: SimulatedAPI
    let state: SimulatorState

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var request = request
        // Collected once here so that the journal and the handler both see the body.
        let body = try await request.collectBody(upTo: SimulatorJSON.maxBodySize)
        let hit = state.update { $0.beginCall(to: api) }
        if let latency = hit?.latencyMilliseconds {
            try await Task.sleep(for: .milliseconds(latency))
        }
        let response: Response
        switch hit?.action ?? .proceed {
        case .proceed:
            response = try await answer(request, context: context, next: next)
        case .respond(let status):
            response = try SimulatorJSON.response(
                ["error": "fault injected into \(api.rawValue)"],
                status: HTTPResponse.Status(code: status)
            )
        case .hang(let milliseconds):
            try await Task.sleep(for: .milliseconds(milliseconds))
            response = try SimulatorJSON.response(["error": "simulated hang of \(api.rawValue)"], status: .gatewayTimeout)
        }
        record(request, body: body, status: response.status.code, fault: hit?.summary)
        return response
    }

    /// The handler's answer; an error becomes the response it stands for, so the journal can
    /// record its status.
    private func answer(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as any HTTPResponseError {
            return try error.response(from: request, context: context)
        } catch {
            context.logger.error("simulated \(api.rawValue) call failed", metadata: ["error": "\(error)"])
            return try SimulatorJSON.response(["error": "internal error"], status: .internalServerError)
        }
    }

    private func record(_ request: Request, body: ByteBuffer, status: Int, fault: String?) {
        var headers: [String: String] = [:]
        for field in request.headers {
            let name = field.name.canonicalName
            headers[name] = headers[name].map { "\($0), \(field.value)" } ?? field.value
        }
        let method = request.method.rawValue
        let path = request.uri.path
        state.update { store in
            store.appendToJournal({ sequence in
                JournalEntry(
                    sequence: sequence, api: api, method: method, path: path, headers: headers,
                    body: String(buffer: body), status: status, fault: fault, receivedAt: Date()
                )
            }, capacity: state.journalCapacity)
        }
    }
}
