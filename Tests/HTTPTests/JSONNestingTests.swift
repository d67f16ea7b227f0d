@testable import HTTP
import Testing

@Suite struct JSONNestingTests {
    private func exceeds(_ limit: Int, _ text: String) -> Bool {
        JSONNesting.exceeds(limit, in: Array(text.utf8))
    }

    @Test func countsArraysAndObjectsTogether() {
        #expect(!exceeds(3, #"{"a":[{"b":1}]}"#))
        #expect(exceeds(2, #"{"a":[{"b":1}]}"#))
        #expect(!exceeds(1, #"{"a":1}{"b":[]}"#.replacingOccurrences(of: "[]", with: "2")))
    }

    @Test func bracketsInsideStringsDoNotCount() {
        #expect(!exceeds(1, #"{"a":"[[[{{{"}"#))
        #expect(!exceeds(1, #"{"a":"\"[[[\\"}"#))
        #expect(exceeds(1, #"{"a":"\\",  "b":[1]}"#))
    }

    @Test func aVeryDeepBodyIsCaughtWithoutRecursion() {
        #expect(exceeds(JSONNesting.maxDepth, String(repeating: "[", count: 1_000_000)))
        #expect(!exceeds(JSONNesting.maxDepth, String(repeating: "[", count: 32) + String(repeating: "]", count: 32)))
    }
}
