import Foundation
import Logging
import Synchronization
import Testing
@testable import TicketsService

/// No email address reaches the log at info or above, wherever it hides in a log call.
@Suite struct EmailRedactingLogHandlerTests {
    struct GatewayAnswer: Error, CustomStringConvertible {
        var description: String { "dead nation answered 400: customer_address 'ada@example.com' is blocked" }
    }

    private func logger(_ recorded: RecordedLines, level: Logger.Level = .info) -> Logger {
        var logger = Logger(label: "test") { _ in EmailRedactingLogHandler(wrapped: RecordingLogHandler(recorded: recorded)) }
        logger.logLevel = level
        return logger
    }

    @Test func emailsAreRedactedAtInfoAndAbove() {
        let recorded = RecordedLines()
        var logger = logger(recorded)
        logger[metadataKey: "customer"] = "bob+1@mail.example.org"
        logger.info("booking for ada@example.com", metadata: [
            "email": "ada@example.com",
            "nested": ["list": ["x", "ada@example.com"], "map": ["k": "<ada@example.com>"]],
            "number": "\(42)",
        ])
        logger.warning("handler failed", metadata: ["error": "\(GatewayAnswer())"])
        logger.error("request failed", error: GatewayAnswer())
        let texts = recorded.texts
        #expect(texts.count == 3)
        for text in texts {
            #expect(!text.contains("example.com") && !text.contains("example.org"), "\(text)")
        }
        #expect(texts.first?.contains("booking for <email>") == true)
        #expect(texts.first?.contains("number=42") == true)
        #expect(texts.last?.contains("customer_address '<email>' is blocked") == true)
    }

    @Test func debugStaysVerbatim() {
        let recorded = RecordedLines()
        logger(recorded, level: .debug).debug("booking for ada@example.com")
        #expect(recorded.texts == ["booking for ada@example.com [] "])
    }

    @Test func textWithoutAnAddressIsUnchanged() {
        #expect(EmailRedactingLogHandler<RecordingLogHandler>.redact("took over 3 entries (no address: @ alone)") == "took over 3 entries (no address: @ alone)")
        #expect(EmailRedactingLogHandler<RecordingLogHandler>.redact("to a@b, c.d@e.f.") == "to <email>, <email>")
    }
}

/// What the recording handler received, one line per log call.
final class RecordedLines: Sendable {
    private let lines = Mutex<[String]>([])
    var texts: [String] { lines.withLock { $0 } }
    func append(_ line: String) { lines.withLock { $0.append(line) } }
}

/// Writes message, metadata and error of each call to a shared record.
struct RecordingLogHandler: LogHandler {
    let recorded: RecordedLines
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let all = metadata.merging(event.metadata ?? [:]) { $1 }
        recorded.append("\(event.message) \(all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }) \(event.error.map { "\($0)" } ?? "")")
    }
}
