import Foundation

/// A request for `CurlHTTPClient`.
public struct HTTPClientRequest: Sendable {
    /// An HTTP method; any token is allowed, the common ones are named.
    public struct Method: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public var rawValue: String

        public init(rawValue: String) {
            self.rawValue = rawValue
        }

        public static let get = Method(rawValue: "GET")
        public static let head = Method(rawValue: "HEAD")
        public static let post = Method(rawValue: "POST")
        public static let put = Method(rawValue: "PUT")
        public static let patch = Method(rawValue: "PATCH")
        public static let delete = Method(rawValue: "DELETE")

        public var description: String { rawValue }
    }

    public var method: Method
    public var url: String
    public var headers: HTTPClientHeaders
    public var body: Data?
    /// Overrides the client's timeouts for this request only.
    public var timeouts: HTTPClientTimeouts?

    public init(
        method: Method,
        url: String,
        headers: HTTPClientHeaders = [:],
        body: Data? = nil,
        timeouts: HTTPClientTimeouts? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeouts = timeouts
    }
}
