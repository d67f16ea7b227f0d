import Foundation

/// Conversions between `Date` and Postgres timestamps at microsecond precision: the binary
/// parameter form (microseconds since 2000-01-01 UTC) and the ISO text form of results
/// (`2024-05-01 12:30:00.123456+02`, DateStyle ISO, which every connection sets).
enum PostgresTimestamp {
    private static let microsecondsPerSecond: Int64 = 1_000_000
    /// 2000-01-01 (Postgres' epoch) is 366 days before 2001-01-01 (Foundation's reference date).
    private static let postgresEpochBeforeReferenceDate: Int64 = 366 * 86_400 * microsecondsPerSecond
    /// 1970-01-01 is 978 307 200 s before Foundation's reference date.
    private static let unixEpochBeforeReferenceDate: Int64 = 978_307_200 * microsecondsPerSecond

    /// Dates beyond what an Int64 of microseconds holds become Postgres' `infinity`/`-infinity`.
    static func microsecondsSincePostgresEpoch(of date: Date) -> Int64 {
        let sinceReference = (date.timeIntervalSinceReferenceDate * 1_000_000).rounded()
        guard let micros = Int64(exactly: sinceReference),
              case (let shifted, false) = micros.addingReportingOverflow(postgresEpochBeforeReferenceDate)
        else { return sinceReference < 0 ? .min : .max }
        return shifted
    }

    /// Parses the text form of `timestamptz` (with an offset) or `timestamp` (read as UTC).
    static func parse(_ text: String) -> Date? {
        switch text {
        case "infinity": return .distantFuture
        case "-infinity": return .distantPast
        default: break
        }
        var scanner = DigitScanner(Array(text.utf8))
        guard let year = scanner.number(), scanner.skip("-"),
              let month = scanner.number(digits: 2), scanner.skip("-"),
              let day = scanner.number(digits: 2), scanner.skip(" "),
              let hour = scanner.number(digits: 2), scanner.skip(":"),
              let minute = scanner.number(digits: 2), scanner.skip(":"),
              let second = scanner.number(digits: 2)
        else { return nil }
        var microseconds: Int64 = 0
        if scanner.skip(".") {
            guard let (fraction, digits) = scanner.fraction(), digits <= 6 else { return nil }
            microseconds = fraction
            for _ in digits..<6 { microseconds *= 10 }
        }
        var offsetSeconds: Int64 = 0
        if let sign = scanner.sign() {
            guard let hours = scanner.number(digits: 2) else { return nil }
            var offset = hours * 3600
            if scanner.skip(":") {
                guard let minutes = scanner.number(digits: 2) else { return nil }
                offset += minutes * 60
                if scanner.skip(":") {
                    guard let seconds = scanner.number(digits: 2) else { return nil }
                    offset += seconds
                }
            }
            offsetSeconds = sign * offset
        }
        // Postgres has no year 0: 1 BC is astronomical year 0.
        let astronomicalYear = scanner.skip(" BC") ? 1 - year : year
        guard scanner.isAtEnd else { return nil }
        let days = daysSinceUnixEpoch(year: astronomicalYear, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        let sinceReference = seconds * microsecondsPerSecond + microseconds - unixEpochBeforeReferenceDate
        return Date(timeIntervalSinceReferenceDate: Double(sinceReference) / 1_000_000)
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    private static func daysSinceUnixEpoch(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

/// Reads the fixed-layout ASCII of a timestamp, byte by byte.
private struct DigitScanner {
    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { position == bytes.count }

    /// `digits` decimal digits exactly, or (without a count) one or more.
    mutating func number(digits: Int? = nil) -> Int64? {
        let start = position
        var value: Int64 = 0
        while position < bytes.count, let digit = digit(at: position), digits.map({ position - start < $0 }) ?? true {
            value = value * 10 + digit
            position += 1
        }
        let count = position - start
        guard count > 0, count <= 18, digits.map({ $0 == count }) ?? true else { return nil }
        return value
    }

    /// The digits after a decimal point, with how many there were.
    mutating func fraction() -> (value: Int64, digits: Int)? {
        let start = position
        guard let value = number() else { return nil }
        return (value, position - start)
    }

    mutating func sign() -> Int64? {
        if skip("+") { return 1 }
        if skip("-") { return -1 }
        return nil
    }

    mutating func skip(_ literal: String) -> Bool {
        let expected = Array(literal.utf8)
        guard bytes.count - position >= expected.count,
              bytes[position..<position + expected.count].elementsEqual(expected)
        else { return false }
        position += expected.count
        return true
    }

    private func digit(at index: Int) -> Int64? {
        let byte = bytes[index]
        guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
        return Int64(byte - UInt8(ascii: "0"))
    }
}
