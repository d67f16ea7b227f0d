import Foundation
import HTTPTypes
import Hummingbird

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

enum JSONCoding {
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return encoder
    }
}
