import Foundation

/// Reads RFC 3339 timestamps as gateways write them: `2024-05-01T12:30:45Z`, with any number
/// of fractional digits (Go writes up to nine) and a `Z` or `±hh:mm` offset.
enum RFC3339Timestamp {
    static func parse(_ text: String) -> Date? {
        let pattern = /(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})/
        guard let match = text.wholeMatch(of: pattern) else { return nil }
        let (_, year, month, day, hour, minute, second, fraction, zone) = match.output
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        let components = DateComponents(
            year: Int(year), month: Int(month), day: Int(day),
            hour: Int(hour), minute: Int(minute), second: Int(second)
        )
        guard components.isValidDate(in: calendar), let whole = calendar.date(from: components) else { return nil }
        let fractionalSeconds = fraction.flatMap { Double("0" + $0) } ?? 0
        return whole.addingTimeInterval(fractionalSeconds - offsetSeconds(String(zone)))
    }

    private static func offsetSeconds(_ zone: String) -> TimeInterval {
        guard zone.count == 6 else { return 0 }  // Z
        let sign: TimeInterval = zone.hasPrefix("-") ? -1 : 1
        let hours = TimeInterval(zone.dropFirst().prefix(2)) ?? 0
        let minutes = TimeInterval(zone.suffix(2)) ?? 0
        return sign * (hours * 3600 + minutes * 60)
    }
}
