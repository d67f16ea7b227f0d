import Foundation
import Testing

/// `/metrics` holds every family the dashboard and CONTRACT.md §6 rely on, with units in the
/// names and labels that stay few (never an id).
@Suite struct MetricsComponentTests {
    /// Each family with its type and its label names (CONTRACT.md §6).
    private static let families: [(name: String, type: String, labels: Set<String>)] = [
        ("http_server_request_duration_seconds", "histogram", ["route", "method", "status"]),
        ("messages_processed_total", "counter", ["topic", "handler"]),
        ("messages_processing_failed_total", "counter", ["topic", "handler"]),
        ("messages_processing_duration_seconds", "histogram", ["topic", "handler"]),
        ("outbox_backlog_messages", "gauge", []),
        ("outbox_oldest_message_age_seconds", "gauge", []),
        ("consumer_pending_messages", "gauge", ["group"]),
        ("consumer_oldest_pending_age_seconds", "gauge", ["group"]),
        ("dead_letters_total", "counter", ["handler"]),
        ("gateway_request_duration_seconds", "histogram", ["api", "outcome"]),
        ("bookings_total", "counter", []),
        ("seats_booked_total", "counter", []),
        ("ticket_confirmed_to_receipt_seconds", "histogram", []),
        ("ticket_confirmed_to_printed_seconds", "histogram", []),
    ]

    @Test func everyFamilyIsThereAfterABookingFlowWithItsLabelsAndNoIDs() async throws {
        let env = try await ComponentEnvironment.shared.value
        _ = try await env.bookAndWaitForPrintedTickets(seats: 1)
        let exposition = try await env.call(.get, "/metrics").text
        let samples = exposition.split(separator: "\n").filter { !$0.hasPrefix("#") }

        for family in Self.families {
            #expect(exposition.contains("# TYPE \(family.name) \(family.type)\n"), "\(family.name)")
            let own = samples.filter { Self.familyName(of: $0, type: family.type) == family.name }
            #expect(!own.isEmpty, "\(family.name) has no samples")
            for sample in own {
                #expect(Self.labelNames(of: sample).subtracting(["le"]) == family.labels, "\(sample)")
            }
        }
        // The flow itself was counted.
        #expect(samples.contains { $0.hasPrefix("ticket_confirmed_to_receipt_seconds_count ") && !$0.hasSuffix(" 0") })
        #expect(samples.contains { $0.hasPrefix(#"gateway_request_duration_seconds_count{api="dead-nation",outcome="success"}"#) })
        // Routes are patterns, never paths with ids.
        let uuid = try Regex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
        #expect(!samples.contains { $0.lowercased().contains(uuid) })
    }

    /// The family a sample line belongs to: its name without a histogram's suffixes.
    private static func familyName(of sample: Substring, type: String) -> String {
        let name = String(sample.prefix { $0 != "{" && $0 != " " })
        guard type == "histogram" else { return name }
        for suffix in ["_bucket", "_sum", "_count"] where name.hasSuffix(suffix) {
            return String(name.dropLast(suffix.count))
        }
        return name
    }

    /// The label names of a sample line (values may hold braces, as route patterns do).
    private static func labelNames(of sample: Substring) -> Set<String> {
        guard sample.contains("{") else { return [] }
        return Set(sample.matches(of: /[{,]([a-zA-Z_][a-zA-Z0-9_]*)="/).map { String($0.output.1) })
    }
}
