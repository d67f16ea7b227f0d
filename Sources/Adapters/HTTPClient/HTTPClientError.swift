/// Why a request got no HTTP response. Every status the server answers, 4xx and 5xx
/// included, is a response, not an error.
public struct HTTPClientError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        /// Nothing listens at the address (TCP reset on connect).
        case connectionRefused
        /// The connect or the total timeout expired.
        case timeout
        /// The host name does not resolve.
        case dnsFailure
        /// The request cannot be sent as given (e.g. a line break in a header field).
        case invalidRequest
        /// Any other failure of the transfer; `curlCode` and `message` say which.
        case transport
    }

    public var kind: Kind
    public var method: HTTPClientRequest.Method
    public var url: String
    /// libcurl's `CURLcode`, when the failure came from libcurl.
    public var curlCode: Int?
    public var message: String

    public init(kind: Kind, method: HTTPClientRequest.Method, url: String, curlCode: Int? = nil, message: String) {
        self.kind = kind
        self.method = method
        self.url = url
        self.curlCode = curlCode
        self.message = message
    }

    public var description: String {
        let code = curlCode.map { " (curl code \($0))" } ?? ""
        return "HTTP \(method) \(url) failed: \(kind.rawValue)\(code): \(message)"
    }
}
