import Foundation
import Logging

/// Wraps the service's log handler so that no email address reaches the log at `info` or
/// above: in the message, the metadata (the logger's and the event's) and the error, every
/// `local@domain` becomes `<email>`. A guard behind the rule that log calls never pass customer
/// emails: errors quote what others sent (a gateway's answer, a value that failed to decode).
/// `debug` and `trace` stay verbatim for troubleshooting.
struct EmailRedactingLogHandler<Wrapped: LogHandler>: LogHandler {
    var wrapped: Wrapped

    var logLevel: Logger.Level {
        get { wrapped.logLevel }
        set { wrapped.logLevel = newValue }
    }

    var metadata: Logger.Metadata {
        get { wrapped.metadata }
        set { wrapped.metadata = newValue }
    }

    var metadataProvider: Logger.MetadataProvider? {
        get { wrapped.metadataProvider }
        set { wrapped.metadataProvider = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { wrapped[metadataKey: key] }
        set { wrapped[metadataKey: key] = newValue }
    }

    func log(event: LogEvent) {
        guard event.level >= .info else { return wrapped.log(event: event) }
        var event = event
        event.message = Logger.Message(stringLiteral: Self.redact(event.message.description))
        event.metadata = event.metadata.map(Self.redact)
        if let error = event.error {
            event.error = RedactedError(description: Self.redact(String(describing: error)))
        }
        var wrapped = wrapped
        wrapped.metadata = Self.redact(wrapped.metadata)
        wrapped.log(event: event)
    }

    static func redact(_ text: String) -> String {
        guard text.contains("@") else { return text }
        return emailPattern.stringByReplacingMatches(
            in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "<email>")
    }

    static func redact(_ metadata: Logger.Metadata) -> Logger.Metadata {
        metadata.mapValues(redact)
    }

    private static func redact(_ value: Logger.Metadata.Value) -> Logger.Metadata.Value {
        switch value {
        case .string(let string): .string(redact(string))
        case .stringConvertible(let convertible): .string(redact(convertible.description))
        case .array(let array): .array(array.map(redact))
        case .dictionary(let dictionary): .dictionary(dictionary.mapValues(redact))
        }
    }

}

/// Anything around an `@` up to whitespace, quotes or brackets: the service accepts any address
/// holding an `@`, so the pattern is wide rather than RFC 5322's. (NSRegularExpression is safe to
/// share between threads.)
private nonisolated(unsafe) let emailPattern = try! NSRegularExpression(pattern: #"[^\s@"'<>(),;\[\]{}]+@[^\s@"'<>(),;\[\]{}/:]+"#)

/// An error whose description has been redacted.
private struct RedactedError: Error, CustomStringConvertible {
    var description: String
}
