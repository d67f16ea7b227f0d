import HTTPTypes

/// An error meant for the client, with the status and message it gets.
public struct APIError: Error, Sendable, Equatable {
    public var status: HTTPResponse.Status
    public var message: String
    /// Extra string fields of the error body, e.g. the `show_id` of a 409 on a duplicate show.
    public var extra: [String: String]

    public init(_ status: HTTPResponse.Status, _ message: String, extra: [String: String] = [:]) {
        self.status = status
        self.message = message
        self.extra = extra
    }

    var body: [String: String] { extra.merging(["error": message]) { _, message in message } }

    public static func badRequest(_ message: String) -> APIError { APIError(.badRequest, message) }
    public static func notFound(_ message: String) -> APIError { APIError(.notFound, message) }
    public static func unauthorized(_ message: String) -> APIError { APIError(.unauthorized, message) }
}
