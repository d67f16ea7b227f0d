import Hummingbird

/// An error answer of the simulator: the status and `{"error": "<message>"}`.
struct SimulatorError: HTTPResponseError {
    let status: HTTPResponse.Status
    let message: String

    static func badRequest(_ message: String) -> SimulatorError {
        SimulatorError(status: .badRequest, message: message)
    }

    static func notFound(_ message: String) -> SimulatorError {
        SimulatorError(status: .notFound, message: message)
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        try SimulatorJSON.response(["error": message], status: status)
    }
}
