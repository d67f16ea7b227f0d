import Foundation
import HTTPTypes
import Hummingbird
import Message

extension Response {
    /// A JSON response with the house encoding: RFC 3339 dates in UTC, no escaped slashes.
    static func json(status: HTTPResponse.Status, _ value: some Encodable) throws -> Response {
        let data = try JSONCoding.encoder.encode(value)
        return Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data))
        )
    }
}

/// The same JSON as on the bus: RFC 3339 times keeping their fraction, so `/ops/bookings` shows
/// the read model exactly as stored.
enum JSONCoding {
    static var encoder: JSONEncoder { MessageJSON.makeEncoder() }
}
