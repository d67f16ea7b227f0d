import Foundation
import Testing

/// JSON documents compared by content: jsonb keeps what a document says, not how it was spelled
/// (key order, spacing).
enum JSONDocument {
    static func content(of data: Data) throws -> NSDictionary {
        try #require(try JSONSerialization.jsonObject(with: data) as? NSDictionary, "a JSON object")
    }
}
