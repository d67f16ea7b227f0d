import Foundation
@testable import HTTP
import Testing

/// The field checks agree with openapi.yaml: what its schemas allow is accepted, the rest refused.
@Suite struct ValidationTests {
    @Test(arguments: ["2026-12-24T20:00:00Z", "0008-04-07T07:56:52.0-22:01", "2026-01-01t00:00:00.123456789z", "9999-12-31T23:59:59+23:59"])
    func everyRFC3339TimeIsAccepted(text: String) throws {
        _ = try Validation.time(text, field: "start_time")
    }

    @Test(arguments: ["yesterday", "2026-12-24", "2026-12-24T20:00:00", "2026-02-30T00:00:00Z", "2026-12-24T20:00:00+0100", "2026-12-24T24:00:00Z"])
    func otherTimesAreRefused(text: String) {
        #expect(throws: APIError.badRequest("start_time is not an RFC 3339 time")) { try Validation.time(text, field: "start_time") }
    }

    @Test func textRefusesNULAndBlanksAsJSONSchemaHasThem() throws {
        #expect(throws: APIError.self) { try Validation.nonEmpty("a\u{0}b", field: "title") }
        #expect(throws: APIError.self) { try Validation.email("a\u{0}@b") }
        for blank in ["\n", "\u{FEFF}", "\t \u{3000}"] {
            #expect(throws: APIError.self) { try Validation.nonEmpty(blank, field: "title") }
        }
        #expect(try Validation.nonEmpty("\u{85}", field: "title") == "\u{85}")
        #expect(try Validation.email(" ada@example.com\n") == "ada@example.com")
        // Found by make fuzz: "@" and a skin-tone modifier make one Character.
        #expect(try Validation.email("\u{06}Ñ@\u{1F3FB}×") == "\u{06}Ñ@\u{1F3FB}×")
    }

    @Test func lengthsCountUnicodeScalarsAsJSONSchemaDoes() throws {
        // 250 characters, 500 scalars: each "e" carries a combining accent.
        let accented = String(repeating: "e\u{301}", count: 250)
        #expect(throws: APIError.self) { try Validation.nonEmpty(accented + "x", field: "title") }
        #expect(try Validation.nonEmpty(accented, field: "title") == accented)
    }

    @Test func countsFitPostgresIntegers() throws {
        #expect(try Validation.positiveCount(2_147_483_647, field: "n") == 2_147_483_647)
        #expect(throws: APIError.badRequest("n must be at most 2147483647")) { try Validation.positiveCount(2_147_483_648, field: "n") }
        #expect(throws: APIError.badRequest("n must be greater than 0")) { try Validation.positiveCount(0, field: "n") }
    }
}
