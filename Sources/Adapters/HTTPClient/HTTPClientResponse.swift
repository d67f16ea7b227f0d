import Foundation

/// What the server answered: the final status, its header fields and the whole body.
public struct HTTPClientResponse: Sendable {
    public var status: Int
    public var headers: HTTPClientHeaders
    public var body: Data

    public init(status: Int, headers: HTTPClientHeaders, body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}
