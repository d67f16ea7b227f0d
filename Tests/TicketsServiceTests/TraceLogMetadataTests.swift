import Foundation
import Logging
import TestSupport
import Testing
import Tracing
@testable import TicketsService

/// Log lines lead to their trace: inside a span they carry its `trace.id` and `span.id`.
@Suite struct TraceLogMetadataTests {
    @Test func aLineLoggedInsideASpanCarriesItsIDsAndOneOutsideDoesNot() async throws {
        // The component environment bootstraps the OpenTelemetry tracer and receives its spans.
        let env = try await ComponentEnvironment.shared.value
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("trace-log-\(UUID().uuidString).jsonl")
        #expect(FileManager.default.createFile(atPath: file.path, contents: nil))
        defer { try? FileManager.default.removeItem(at: file) }
        let handle = try FileHandle(forWritingTo: file)
        let sink = LogSink(handle: handle)
        let logger = Logger(label: "trace-log-test") { label in
            JSONLogHandler(label: label, level: .info, sink: sink, metadataProvider: TracingSetup.logMetadataProvider)
        }
        let spanName = "log probe \(UUID().lowercased)"
        withSpan(spanName) { _ in logger.info("inside") }
        logger.info("outside")
        try handle.close()

        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(lines.count == 2)
        let inside = try #require(lines.first)
        let traceID = try #require(inside["trace.id"] as? String)
        let spanID = try #require(inside["span.id"] as? String)
        #expect(lines.last?["trace.id"] == nil)
        #expect(lines.last?["span.id"] == nil)

        try await eventually("the probe span is exported", within: .seconds(60)) {
            env.traces.spans.contains { $0.name == spanName }
        }
        let span = try #require(env.traces.spans.first { $0.name == spanName })
        #expect(span.traceID == traceID)
        #expect(span.spanID == spanID)
    }
}
