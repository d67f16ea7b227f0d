@testable import Adapters
import Foundation
import Testing

/// The forwarder's own reader of the metadata column reads what `JSONDecoder` reads, and refuses
/// all that is not strict JSON of an object of strings (`JSONDecoder` lets a trailing comma by).
/// Duplicate keys are left out: a `jsonb` column never holds them.
@Suite struct OutboxMetadataJSONTests {
    @Test(arguments: [
        #"{}"#,
        #"{"name": "BookingMade_v1", "correlation_id": "abc"}"#,
        #" { "a" : "b" , "c":"" } "#,
        #"{"quote": "say \"hi\"", "slash": "a\/b\\c", "controls": "\b\f\n\r\t"}"#,
        #"{"unicode": "caf\u00e9 \u20ac", "raw": "café €", "pair": "\ud83c\udfab", "emoji": "🎫"}"#,
        #"{"traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}"#,
    ])
    func readsWhatJSONDecoderReads(json: String) throws {
        let expected = try JSONDecoder().decode([String: String].self, from: Data(json.utf8))
        #expect(try OutboxMetadataJSON.decode(Data(json.utf8)) == expected)
    }

    @Test(arguments: [
        "", "[]", "null", #""text""#, #"{"a": 1}"#, #"{"a": null}"#, #"{"a": {"b": "c"}}"#, #"{"a": "b",}"#,
        #"{"a": "b"} x"#, #"{"a" "b"}"#, #"{"a": "\x"}"#, #"{"a": "open"#, "{\"a\": \"line\nbreak\"}",
        #"{"a": "\ud83c"}"#, #"{"a": "\udfab"}"#, #"{"a": "\u12"}"#, #"{a: "b"}"#,
    ])
    func refusesWhatIsNotAnObjectOfStrings(json: String) {
        #expect(throws: OutboxMetadataJSON.Malformed.self) { try OutboxMetadataJSON.decode(Data(json.utf8)) }
    }

    @Test(arguments: [
        [:],
        ["name": "BookingMade_v1", "correlation_id": "abc"],
        ["quote": "say \"hi\"", "backslash": "a\\b/c", "controls": "\u{8}\u{C}\n\r\t\u{1}\u{1F}", "": "empty key"],
        ["unicode": "café € 🎫", "emoji \u{1F3AB}": "key too"],
    ])
    func writesWhatItAndJSONDecoderReadBack(metadata: [String: String]) throws {
        let json = OutboxMetadataJSON.encode(metadata)
        #expect(try OutboxMetadataJSON.decode(json) == metadata)
        #expect(try JSONDecoder().decode([String: String].self, from: json) == metadata)
    }
}
