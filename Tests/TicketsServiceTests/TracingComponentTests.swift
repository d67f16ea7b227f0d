import Foundation
import TestSupport
import Testing

/// Traces as an operator follows them in a trace viewer: the spans the service exports over
/// OTLP/HTTP (to the component environment's receiver) for one booking and its Dead Nation
/// callback.
@Suite struct TracingComponentTests {
    /// The spans of one trace, and how they hang together.
    private struct Trace {
        let spans: [ReceivedSpan]

        func parent(of span: ReceivedSpan) -> ReceivedSpan? {
            spans.first { $0.spanID == span.parentSpanID }
        }

        /// `span`'s parent, its parent's parent, and so on to the root.
        func ancestors(of span: ReceivedSpan) -> [ReceivedSpan] {
            var chain: [ReceivedSpan] = []
            var current = span
            while let next = parent(of: current), chain.count < spans.count {
                chain.append(next)
                current = next
            }
            return chain
        }

        func named(_ name: String) -> [ReceivedSpan] {
            spans.filter { $0.name == name }
        }
    }

    private static let correlationAttribute = "http.request.header.correlation_id"

    /// The request span with `path` of the request that carried `correlationID`.
    private func request(_ path: String, correlationID: String, in spans: [ReceivedSpan]) -> ReceivedSpan? {
        spans.first { $0.name.hasSuffix(path) && $0.stringAttributes[Self.correlationAttribute] == correlationID }
    }

    @Test func aBookingAndItsCallbackAreTracedFromTheRequestsToTheGatewayCalls() async throws {
        let env = try await ComponentEnvironment.shared.value
        let correlationID = "trace-\(UUID().lowercased)"
        let show = try await env.createShow(seats: 10)
        let reply = try await env.book(show: show, seats: 1, headers: ["Correlation-ID": correlationID])
        #expect(reply.status == 201)

        // Spans arrive in batches; wait for the last hop of each trace.
        var spans: [ReceivedSpan] = []
        try await eventually("the spans of the booking and of its callback", within: .seconds(60)) {
            spans = env.traces.spans
            guard let booking = request("book-tickets", correlationID: correlationID, in: spans),
                  let callback = request("tickets-status", correlationID: correlationID, in: spans)
            else { return false }
            return spans.contains { $0.traceID == booking.traceID && $0.name == "gateway dead-nation" }
                && spans.contains { $0.traceID == callback.traceID && $0.name == "gateway receipts" }
        }
        #expect(env.traces.rejectedRequests.isEmpty)
        #expect(spans.allSatisfy { $0.serviceName == "tickets-component" })

        // The booking: HTTP → transaction → outbox write → forward → handler → gateway call.
        let bookingRequest = try #require(request("book-tickets", correlationID: correlationID, in: spans))
        let booking = Trace(spans: spans.filter { $0.traceID == bookingRequest.traceID })
        let deadNationCall = try #require(booking.named("gateway dead-nation").first)
        let chain = booking.ancestors(of: deadNationCall).map(\.name)
        #expect(chain == [
            "handle BookAtDeadNation", "forward events.BookingMade_v1", "outbox write", "transaction", bookingRequest.name,
        ])
        #expect(booking.ancestors(of: deadNationCall).last == bookingRequest)
        #expect(bookingRequest.parentSpanID.isEmpty)
        // Every handler of BookingMade_v1 runs in the booking's trace, under the forward of its topic.
        for handler in ["handle UpdateOpsReadModelOnBookingMade_v1", "handle StoreInDataLake"] {
            let span = try #require(booking.named(handler).first, "\(handler)")
            #expect(booking.parent(of: span)?.name.hasPrefix("forward events") == true)
        }

        // The call carried the gateway span's context as its `traceparent` header.
        let journal = try await env.gateway("/_sim/requests") as? [[String: Any]] ?? []
        let sent = journal.compactMap { $0["headers"] as? [String: String] }
            .filter { $0["correlation-id"] == correlationID && $0["traceparent"]?.contains(deadNationCall.spanID) == true }
        #expect(sent.first?["traceparent"] == "00-\(deadNationCall.traceID)-\(deadNationCall.spanID)-01")

        // The callback is a trace of its own (Dead Nation sends no trace context); the receipt
        // handler's span links back to it, to the forward of the confirmation it wrote.
        let callbackRequest = try #require(request("tickets-status", correlationID: correlationID, in: spans))
        #expect(callbackRequest.traceID != bookingRequest.traceID)
        let callback = Trace(spans: spans.filter { $0.traceID == callbackRequest.traceID })
        let receiptCall = try #require(callback.named("gateway receipts").first)
        let issueReceipt = try #require(callback.parent(of: receiptCall))
        #expect(issueReceipt.name == "handle IssueReceipt")
        let link = try #require(issueReceipt.links.first)
        #expect(link.traceID == callbackRequest.traceID)
        let linked = try #require(callback.spans.first { $0.spanID == link.spanID })
        #expect(linked.name == "forward events.TicketBookingConfirmed_v1")
        #expect(callback.ancestors(of: linked).contains(callbackRequest))
    }

    @Test func aFailedGatewayCallAndItsHandlerRunAreErrorSpansAndTheRetryIsTracedToo() async throws {
        let env = try await ComponentEnvironment.shared.value
        // Nothing else in flight may take the one injected failure.
        try await env.waitUntilQuiet()
        try await env.setGatewayFault(api: "dead-nation", json: #"{"status":500,"times":1}"#)
        let correlationID = "trace-fault-\(UUID().lowercased)"
        let show = try await env.createShow(seats: 10)
        let reply = try await env.book(show: show, seats: 1, headers: ["Correlation-ID": correlationID])
        #expect(reply.status == 201)

        var booking = Trace(spans: [])
        try await eventually("the failed call and its successful retry", within: .seconds(60)) {
            let spans = env.traces.spans
            guard let request = request("book-tickets", correlationID: correlationID, in: spans) else { return false }
            booking = Trace(spans: spans.filter { $0.traceID == request.traceID })
            return booking.named("gateway dead-nation").count == 2 && booking.named("handle BookAtDeadNation").count == 2
        }
        let calls = booking.named("gateway dead-nation")
        let failed = try #require(calls.first { $0.statusCode == 2 })
        #expect(calls.filter { $0.statusCode == 2 }.count == 1)
        #expect(booking.parent(of: failed)?.statusCode == 2)
        let retried = try #require(calls.first { $0.statusCode != 2 })
        #expect(booking.parent(of: retried)?.name == "handle BookAtDeadNation")
        #expect(booking.parent(of: retried)?.statusCode != 2)
        // Both attempts continue the same forward of the message.
        #expect(booking.parent(of: failed).flatMap(booking.parent(of:)) == booking.parent(of: retried).flatMap(booking.parent(of:)))
    }

    @Test func probesAndScrapesAreNotTraced() async throws {
        let env = try await ComponentEnvironment.shared.value
        _ = try await env.call(.get, "/health")
        _ = try await env.call(.get, "/health/details")
        _ = try await env.call(.get, "/metrics")
        // A traced request after them: once its span is in, theirs would be too.
        let marker = "trace-probe-\(UUID().lowercased)"
        _ = try await env.call(.get, "/tickets", headers: ["Correlation-ID": marker])
        try await eventually("the span of the marker request", within: .seconds(60)) {
            env.traces.spans.contains { $0.stringAttributes[Self.correlationAttribute] == marker }
        }
        #expect(!env.traces.spans.contains { $0.name.hasPrefix("/health") || $0.name == "/metrics" })
    }
}
