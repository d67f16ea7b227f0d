import Foundation

/// RFC 3339 times as Go writes and reads them: `time.RFC3339Nano` in UTC on output (nanosecond
/// fraction with trailing zeros trimmed, none when whole), and on input any RFC 3339 time, with
/// or without a fraction, in UTC (`Z`) or with a numeric offset.
///
/// Written by hand rather than with `ISO8601DateFormatter`, which keeps only milliseconds and
/// cannot produce Go's trimmed nanosecond fraction.
public enum RFC3339 {
    /// A date that has no four-digit year, which RFC 3339 (and Go's `Time.MarshalJSON`) cannot write.
    public struct YearOutOfRangeError: Error, CustomStringConvertible {
        public let date: Date

        public var description: String {
            "RFC 3339 cannot write \(date.timeIntervalSince1970) s since 1970: year outside 0...9999"
        }
    }

    /// Go's `time.RFC3339Nano` form of `date` in UTC, e.g. `2024-01-02T03:04:05.1234Z`.
    ///
    /// The fraction has the fewest digits (at most nine) that read back as the same `Date`: a time
    /// that came as microseconds (Postgres) or nanoseconds (Go) prints as written, and a `Date`
    /// survives the round trip whenever nanoseconds can express it. Without this, the binary
    /// fraction of a `Date` would print as noise in the last digits (`.123455976` for `.123456`).
    public static func string(from date: Date) throws(YearOutOfRangeError) -> String {
        let sinceReference = date.timeIntervalSinceReferenceDate
        // Beyond years 0 and 9999 (relative to 2001, with margin); keeps the Int conversion safe.
        guard sinceReference.isFinite, abs(sinceReference) < 400_000_000_000 else { throw YearOutOfRangeError(date: date) }
        let wholeSeconds = sinceReference.rounded(.down)
        var seconds = Int(wholeSeconds)
        var nanoseconds = shortestNanoseconds(of: date, seconds: seconds, fraction: sinceReference - wholeSeconds)
        if nanoseconds == 1_000_000_000 {
            seconds += 1
            nanoseconds = 0
        }

        let unixSeconds = seconds + unixSecondsAtReferenceDate
        let days = unixSeconds.floorDivided(by: secondsPerDay)
        let secondOfDay = unixSeconds - days * secondsPerDay
        let (year, month, day) = CivilDate.from(daysSinceEpoch: days)
        guard (0...9999).contains(year) else { throw YearOutOfRangeError(date: date) }

        var text = padded(year, width: 4) + "-" + padded(month, width: 2) + "-" + padded(day, width: 2)
        text += "T" + padded(secondOfDay / 3600, width: 2) + ":" + padded(secondOfDay % 3600 / 60, width: 2)
        text += ":" + padded(secondOfDay % 60, width: 2)
        if nanoseconds > 0 {
            var fractionDigits = Substring(padded(nanoseconds, width: 9))
            while fractionDigits.last == "0" { fractionDigits.removeLast() }
            text += "." + fractionDigits
        }
        return text + "Z"
    }

    /// The date `text` denotes, or nil when it is not an RFC 3339 date-time. Digits of the
    /// fraction beyond nanoseconds are ignored, as Go does.
    public static func date(from text: String) -> Date? {
        var scanner = RFC3339Scanner(text)
        guard let year = scanner.number(digits: 4), scanner.skip("-"),
            let month = scanner.number(digits: 2), scanner.skip("-"),
            let day = scanner.number(digits: 2), scanner.skip("T") || scanner.skip("t"),
            let hour = scanner.number(digits: 2), scanner.skip(":"),
            let minute = scanner.number(digits: 2), scanner.skip(":"),
            let second = scanner.number(digits: 2)
        else { return nil }
        var nanoseconds = 0
        if scanner.skip(".") {
            guard let fraction = scanner.fractionInNanoseconds() else { return nil }
            nanoseconds = fraction
        }
        let offsetSeconds: Int
        if scanner.skip("Z") || scanner.skip("z") {
            offsetSeconds = 0
        } else {
            let sign: Int
            if scanner.skip("+") {
                sign = 1
            } else if scanner.skip("-") {
                sign = -1
            } else {
                return nil
            }
            guard let offsetHour = scanner.number(digits: 2), scanner.skip(":"), let offsetMinute = scanner.number(digits: 2),
                offsetHour < 24, offsetMinute < 60
            else { return nil }
            offsetSeconds = sign * (offsetHour * 3600 + offsetMinute * 60)
        }
        guard scanner.isAtEnd, (1...12).contains(month), (1...CivilDate.daysIn(month: month, year: year)).contains(day),
            hour < 24, minute < 60, second < 60
        else { return nil }

        let unixSeconds = CivilDate.daysSinceEpoch(year: year, month: month, day: day) * secondsPerDay
            + hour * 3600 + minute * 60 + second - offsetSeconds
        return date(referenceSeconds: unixSeconds - unixSecondsAtReferenceDate, nanoseconds: nanoseconds)
    }

    /// The fraction of a second of `date` (`fraction`, after `seconds`) in nanoseconds, rounded to
    /// the fewest decimal digits that still read back as `date`; 1_000_000_000 when it rounds up to
    /// the next second.
    private static func shortestNanoseconds(of date: Date, seconds: Int, fraction: Double) -> Int {
        func rounded(toDigits digits: Int) -> Int {
            Int((fraction * Double(powersOfTen[digits])).rounded()) * powersOfTen[9 - digits]
        }
        let shortest = (0..<9).lazy.map(rounded(toDigits:)).first { self.date(referenceSeconds: seconds, nanoseconds: $0) == date }
        return shortest ?? rounded(toDigits: 9)
    }

    /// The date `seconds` and `nanoseconds` after Foundation's reference date, as the parser makes it.
    private static func date(referenceSeconds seconds: Int, nanoseconds: Int) -> Date {
        Date(timeIntervalSinceReferenceDate: Double(seconds) + Double(nanoseconds) / 1e9)
    }

    private static let powersOfTen = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000]

    private static let secondsPerDay = 86_400
    /// 2001-01-01T00:00:00Z, Foundation's reference date, in seconds since 1970. Working from the
    /// reference date avoids a rounding step: `Date` stores its interval since then.
    private static let unixSecondsAtReferenceDate = 978_307_200

    private static func padded(_ value: Int, width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

/// Reads an RFC 3339 string byte by byte.
private struct RFC3339Scanner {
    private let bytes: [UInt8]
    private var index = 0

    init(_ text: String) {
        bytes = Array(text.utf8)
    }

    var isAtEnd: Bool { index == bytes.count }

    /// Consumes `character` when it comes next.
    mutating func skip(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue, index < bytes.count, bytes[index] == ascii else { return false }
        index += 1
        return true
    }

    /// Exactly `digits` decimal digits as a number.
    mutating func number(digits: Int) -> Int? {
        guard index + digits <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[index..<index + digits] {
            guard let digit = Self.digit(byte) else { return nil }
            value = value * 10 + digit
        }
        index += digits
        return value
    }

    /// One or more digits of a fraction of a second, in nanoseconds (digits past the ninth ignored).
    mutating func fractionInNanoseconds() -> Int? {
        var nanoseconds = 0
        var count = 0
        while index < bytes.count, let digit = Self.digit(bytes[index]) {
            if count < 9 { nanoseconds = nanoseconds * 10 + digit }
            count += 1
            index += 1
        }
        guard count > 0 else { return nil }
        for _ in count..<max(count, 9) { nanoseconds *= 10 }
        return nanoseconds
    }

    private static func digit(_ byte: UInt8) -> Int? {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) ? Int(byte - UInt8(ascii: "0")) : nil
    }
}
