import Foundation
import Message
import TestSupport
import Testing

/// Times as Go's `time.RFC3339Nano` writes them and as Go's RFC 3339 parser reads them.
@Suite struct RFC3339Tests {
    /// 2024-01-02T03:04:05Z.
    static let instant = Date(timeIntervalSince1970: 1_704_164_645)

    @Test(arguments: [
        (0.0, "2024-01-02T03:04:05Z"),
        (0.5, "2024-01-02T03:04:05.5Z"),
        (0.25, "2024-01-02T03:04:05.25Z"),
        (0.125, "2024-01-02T03:04:05.125Z"),
    ])
    func writesUTCWithTrimmedFraction(fraction: Double, expected: String) throws {
        #expect(try RFC3339.string(from: Self.instant + fraction) == expected)
    }

    @Test(arguments: [
        "2024-01-02T03:04:05.123456Z",
        "2024-01-02T03:04:05.1Z",
        "2024-01-02T03:04:05.000001Z",
        "2024-02-29T23:59:59.999Z",
        "1969-12-31T23:59:59.5Z",
        "1970-01-01T00:00:00Z",
        "0000-01-01T00:00:00Z",
        "1600-02-29T12:00:00Z",
        "9999-12-31T23:59:59.5Z",
    ])
    func writesBackWhatItReadWhenADateHoldsIt(text: String) throws {
        let date = try #require(RFC3339.date(from: text))
        #expect(try RFC3339.string(from: date) == text)
    }

    @Test func readsGoNanoseconds() throws {
        let date = try #require(RFC3339.date(from: "2024-01-02T03:04:05.123456789Z"))
        // A Date holds about a tenth of a microsecond at this distance from 2001.
        #expect(abs(date.timeIntervalSince(Self.instant) - 0.123456789) < 1e-6)
        #expect(RFC3339.date(from: try RFC3339.string(from: date)) == date)
    }

    @Test func ignoresFractionDigitsPastNanoseconds() {
        #expect(RFC3339.date(from: "2024-01-02T03:04:05.1234567891234Z") == RFC3339.date(from: "2024-01-02T03:04:05.123456789Z"))
    }

    @Test(arguments: [
        "2024-01-02T03:04:05Z",
        "2024-01-02T05:04:05+02:00",
        "2024-01-01T22:04:05-05:00",
        "2024-01-02T08:34:05+05:30",
        "2024-01-02T03:04:05+00:00",
        "2024-01-02t03:04:05z",
    ])
    func readsUTCAndOffsets(text: String) {
        #expect(RFC3339.date(from: text) == Self.instant)
    }

    @Test(arguments: [
        "",
        "2024-01-02",
        "2024-01-02 03:04:05Z",
        "2024-01-02T03:04:05",
        "2024-01-02T03:04:05.Z",
        "2024-01-02T03:04:05+0200",
        "2024-01-02T03:04:05+24:00",
        "2024-01-02T03:04:05+02:60",
        "2024-01-02T03:04:05Z ",
        "2024-1-02T03:04:05Z",
        "24-01-02T03:04:05Z",
        "2024-13-01T00:00:00Z",
        "2024-00-01T00:00:00Z",
        "2024-01-00T00:00:00Z",
        "2024-02-30T00:00:00Z",
        "2023-02-29T00:00:00Z",
        "1900-02-29T00:00:00Z",
        "2024-04-31T00:00:00Z",
        "2024-01-02T24:00:00Z",
        "2024-01-02T23:60:00Z",
        "2024-01-02T23:59:60Z",
        "２０２４-01-02T03:04:05Z",
        "2024-01-02T03:04:05.12a3Z",
    ])
    func rejectsWhatIsNotAnRFC3339DateTime(text: String) {
        #expect(RFC3339.date(from: text) == nil)
    }

    @Test(arguments: [1e12, -1e11, 253_402_300_800])
    func refusesYearsWithoutFourDigits(secondsSince1970: Double) {
        #expect(throws: RFC3339.YearOutOfRangeError.self) {
            try RFC3339.string(from: Date(timeIntervalSince1970: secondsSince1970))
        }
    }

    @Test(arguments: [Double.nan, .infinity])
    func refusesANonFiniteDate(interval: Double) {
        // Checked without handing the Date to the testing library: Foundation's `Date.description`
        // traps on non-finite dates.
        var refused = false
        do {
            _ = try RFC3339.string(from: Date(timeIntervalSinceReferenceDate: interval))
        } catch {
            refused = true
        }
        #expect(refused)
    }

    /// Property: the calendar arithmetic agrees with Foundation's Gregorian calendar (from 1600,
    /// after the Julian switch-over Foundation applies), and a Date survives the round trip exactly
    /// when it is 2^23 s (97 days) or more from 2001-01-01, where the step between Doubles is a
    /// nanosecond or more; closer to Foundation's reference date a Date is finer than nanoseconds.
    @Test func agreesWithFoundationAndRoundTrips() throws {
        let iso = ISO8601DateFormatter()
        iso.timeZone = TimeZone(identifier: "UTC")
        var random = SeededRandom(seed: 0x5EED_3339)
        let from1600 = -11_676_096_000.0
        let to9999 = 253_402_300_799.0
        for _ in 0..<2_000 {
            let wholeSeconds = Double(Int64.random(in: Int64(from1600)...Int64(to9999), using: &random))
            let text = try RFC3339.string(from: Date(timeIntervalSince1970: wholeSeconds))
            #expect(text == iso.string(from: Date(timeIntervalSince1970: wholeSeconds)))

            let date = Date(timeIntervalSince1970: Double.random(in: 1e8...4e9, using: &random))
            guard abs(date.timeIntervalSinceReferenceDate) >= 0x80_0000 else { continue }
            let written = try RFC3339.string(from: date)
            #expect(RFC3339.date(from: written) == date, "\(date.timeIntervalSinceReferenceDate) \(written)")
        }
    }

    @Test func nowRoundTrips() throws {
        let now = Date()
        #expect(RFC3339.date(from: try RFC3339.string(from: now)) == now)
    }
}
