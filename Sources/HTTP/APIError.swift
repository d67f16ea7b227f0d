import HTTPTypes

/// An error meant for the client, with the status and message it gets.
public struct APIError: Error, Sendable, Equatable {
    /// What is wrong with one item of a batch request (`{"index", "error"}`, plus the `show_id`
    /// that an item's Dead Nation id already has).
    public struct Item: Sendable, Equatable, Encodable {
        public var index: Int
        public var error: String
        public var showID: String?

        public init(index: Int, error: String, showID: String? = nil) {
            self.index = index
            self.error = error
            self.showID = showID
        }

        enum CodingKeys: String, CodingKey {
            case index
            case error
            case showID = "show_id"
        }
    }

    public var status: HTTPResponse.Status
    public var message: String
    /// Extra string fields of the error body, e.g. the `show_id` of a 409 on a duplicate show.
    public var extra: [String: String]
    /// Every bad item of a batch request, as `"errors"` in the body; none for other requests.
    public var items: [Item]

    public init(_ status: HTTPResponse.Status, _ message: String, extra: [String: String] = [:], items: [Item] = []) {
        self.status = status
        self.message = message
        self.extra = extra
        self.items = items
    }

    var body: Body { Body(fields: extra.merging(["error": message]) { _, message in message }, items: items) }

    /// `{"error": ..., <extra fields>, "errors": [...] when there are items}`.
    struct Body: Encodable {
        var fields: [String: String]
        var items: [Item]

        private struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            for (name, value) in fields {
                try container.encode(value, forKey: Key(stringValue: name))
            }
            if !items.isEmpty {
                try container.encode(items, forKey: Key(stringValue: "errors"))
            }
        }
    }

    public static func badRequest(_ message: String) -> APIError { APIError(.badRequest, message) }
    public static func notFound(_ message: String) -> APIError { APIError(.notFound, message) }
    public static func unauthorized(_ message: String) -> APIError { APIError(.unauthorized, message) }
    public static func conflict(_ message: String) -> APIError { APIError(.conflict, message) }
}
