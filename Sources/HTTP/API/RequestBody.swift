import Foundation
import Hummingbird

/// Reads JSON request bodies with a size and a nesting limit and turns every decoding problem
/// into a 400 that says which field is wrong.
enum RequestBody {
    /// Bodies larger than this are refused with 413; the largest legitimate body (a batch of
    /// ticket statuses) is far smaller.
    static let maxBytes = 1 << 20

    static func decode<Body: Decodable>(_ type: Body.Type, from request: Request) async throws -> Body {
        var request = request
        let buffer = try await request.collectBody(upTo: maxBytes)
        guard !JSONNesting.exceeds(JSONNesting.maxDepth, in: buffer.readableBytesView) else {
            throw APIError.badRequest("invalid request body: nested deeper than \(JSONNesting.maxDepth) levels")
        }
        do {
            return try JSONDecoder().decode(Body.self, from: Data(buffer: buffer))
        } catch let error as DecodingError {
            throw APIError.badRequest("invalid request body: " + describe(error))
        }
    }

    /// What is wrong, naming the field: `missing field shows[2].title`.
    static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing field \(path(context.codingPath + [key]))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return context.codingPath.isEmpty ? "not a JSON object" : "wrong type for \(path(context.codingPath))"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not valid JSON" : "invalid value for \(path(context.codingPath))"
        @unknown default:
            return "not valid JSON"
        }
    }

    /// Decodes like `Value` but keeps a decoding failure instead of failing the enclosing
    /// document, so that a batch can report every bad item at once.
    struct Lenient<Value: Decodable>: Decodable {
        var result: Result<Value, DecodingError>

        init(from decoder: any Decoder) throws {
            do {
                result = .success(try Value(from: decoder))
            } catch let error as DecodingError {
                result = .failure(error)
            }
        }
    }
}
