import Entities
import Foundation
import Message

/// Checks of request fields shared by the routes; each failure is a 400 naming the field.
enum Validation {
    static func uuid(_ text: String, field: String) throws -> UUID {
        guard let uuid = UUID(uuidString: text) else { throw APIError.badRequest("\(field) is not a valid UUID") }
        return uuid
    }

    /// A count from 1 to the largest value of PostgreSQL's `integer` columns.
    static func positiveCount(_ value: Int, field: String) throws -> Int {
        guard value > 0 else { throw APIError.badRequest("\(field) must be greater than 0") }
        guard value <= Int(Int32.max) else { throw APIError.badRequest("\(field) must be at most \(Int32.max)") }
        return value
    }

    static func count(_ value: Int, in range: ClosedRange<Int>, field: String) throws -> Int {
        guard range.contains(value) else {
            throw APIError.badRequest("\(field) must be from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// A field that is optional in the body's type but required in this use of it.
    static func required<Value>(_ value: Value?, field: String) throws -> Value {
        guard let value else { throw APIError.badRequest("invalid request body: missing field \(field)") }
        return value
    }

    /// Any text holding an `@`, at most 254 characters, without NUL (which PostgreSQL cannot
    /// store); kept trimmed of blanks. Scalars, not characters: `@` followed by a combining mark
    /// or an emoji modifier is one `Character` that is not `@`.
    static func email(_ text: String, field: String = "customer_email") throws -> String {
        guard text.unicodeScalars.count <= 254, text.unicodeScalars.contains("@"), !text.unicodeScalars.contains("\0") else {
            throw APIError.badRequest("\(field) is not a valid email address")
        }
        return text.trimmingCharacters(in: blank)
    }

    /// Text that is not only blanks, at most `maxLength` characters, without NUL.
    static func nonEmpty(_ text: String, field: String, maxLength: Int = 500) throws -> String {
        guard !text.trimmingCharacters(in: blank).isEmpty else { throw APIError.badRequest("\(field) must not be empty") }
        guard text.unicodeScalars.count <= maxLength else { throw APIError.badRequest("\(field) is longer than \(maxLength) characters") }
        guard !text.unicodeScalars.contains("\0") else { throw APIError.badRequest("\(field) must not contain NUL characters") }
        return text
    }

    /// Blank characters as JSON Schema's (ECMAScript's) `\s` has them, so that `openapi.yaml`'s
    /// patterns and these checks agree. Lengths count Unicode scalars, as JSON Schema does.
    static let blank = CharacterSet(charactersIn: "\t\n\u{0B}\u{0C}\r \u{A0}\u{1680}\u{2028}\u{2029}\u{202F}\u{205F}\u{3000}\u{FEFF}")
        .union(CharacterSet(charactersIn: "\u{2000}"..."\u{200A}"))

    /// A decimal amount that fits `NUMERIC(10,2)`: up to 8 digits before the point and 2 after,
    /// not negative. Kept as sent: the database reads it back with two decimals.
    static func money(amount: String, currency: String, field: String = "price") throws -> Money {
        let parts = amount.split(separator: ".", omittingEmptySubsequences: false)
        let digitsOnly = { (part: Substring) in !part.isEmpty && part.allSatisfy { $0.isASCII && $0.isNumber } }
        guard (1...2).contains(parts.count), digitsOnly(parts[0]), parts[0].count <= 8,
              parts.count == 1 || (digitsOnly(parts[1]) && parts[1].count <= 2)
        else {
            throw APIError.badRequest("\(field).amount '\(amount)' is not a decimal amount with at most 8 digits before and 2 after the point")
        }
        guard currency.count == 3, currency.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
            throw APIError.badRequest("\(field).currency '\(currency)' is not a three-letter currency code")
        }
        return Money(amount: amount, currency: currency)
    }

    /// An RFC 3339 time (JSON Schema's `date-time`): any year from 0000, a fraction of any
    /// length, `Z` or a numeric offset.
    static func time(_ text: String, field: String) throws -> Date {
        guard let date = RFC3339.date(from: text) else { throw APIError.badRequest("\(field) is not an RFC 3339 time") }
        return date
    }

    /// A `YYYY-MM-DD` calendar day.
    static func day(_ text: String, field: String) throws -> String {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard text.count == 10, parts.count == 3, parts.map(\.count) == [4, 2, 2],
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              let date = calendar.date(from: DateComponents(year: year, month: month, day: day)),
              calendar.dateComponents([.year, .month, .day], from: date) == DateComponents(year: year, month: month, day: day)
        else { throw APIError.badRequest("\(field) is not a date of the form YYYY-MM-DD") }
        return text
    }
}
