import Foundation
import Hummingbird

/// A request body the simulator accepts only once its fields make sense.
protocol ValidatedBody: Decodable {
    /// Throws a `SimulatorError` naming the first field that is wrong.
    func validate() throws
}

/// JSON in and out of the simulator: snake_case keys as the contract writes them, times as
/// RFC 3339 with fractional seconds, readable 400s for bodies that do not decode.
enum SimulatorJSON {
    static let maxBodySize = 16 * 1024 * 1024

    static let timeFormat = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.formatted(timeFormat))
        }
        return Response(
            status: status,
            headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value)))
        )
    }

    /// Reads and validates the request's JSON body.
    static func decode<Body: ValidatedBody>(_ type: Body.Type, from request: Request) async throws -> Body {
        let bytes = try await request.body.collect(upTo: maxBodySize)
        let body: Body
        do {
            body = try JSONDecoder().decode(Body.self, from: Data(bytes.readableBytesView))
        } catch let error as DecodingError {
            throw SimulatorError.badRequest(describe(error))
        }
        try body.validate()
        return body
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String { keys.map(\.stringValue).joined(separator: ".") }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing field \(path(context.codingPath + [key]))"
        case .valueNotFound(_, let context):
            return "field \(path(context.codingPath)) is null"
        case .typeMismatch(_, let context):
            return "field \(path(context.codingPath)) has the wrong type"
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return "malformed JSON"
        case .dataCorrupted(let context):
            return "field \(path(context.codingPath)) is invalid"
        @unknown default:
            return "malformed JSON"
        }
    }
}

/// Field checks shared by the request bodies.
enum FieldCheck {
    static func nonEmpty(_ value: String, _ field: String) throws {
        guard !value.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw SimulatorError.badRequest("field \(field) must not be empty")
        }
    }

    static func uuid(_ value: String, _ field: String) throws {
        guard UUID(uuidString: value) != nil else {
            throw SimulatorError.badRequest("field \(field) must be a UUID")
        }
    }

    static func decimalAmount(_ value: String, _ field: String) throws {
        guard value.wholeMatch(of: /-?[0-9]+(\.[0-9]+)?/) != nil else {
            throw SimulatorError.badRequest("field \(field) must be a decimal amount")
        }
    }

    static func currency(_ value: String, _ field: String) throws {
        guard value.wholeMatch(of: /[A-Z]{3}/) != nil else {
            throw SimulatorError.badRequest("field \(field) must be a three-letter currency code")
        }
    }
}
