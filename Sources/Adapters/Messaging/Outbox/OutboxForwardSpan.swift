import Instrumentation
import Message
import Tracing

/// The span `forward <topic>` of one outbox row. It continues the trace of the row's
/// `traceparent` (the outbox write) and puts its own context in the message's place, so the
/// handlers of the message are children of its forward: HTTP → outbox write → forward → handler.
enum OutboxForwardSpan {
    static func start(forwarding envelope: inout Envelope, to topic: String) -> any Span {
        var parent = ServiceContext.topLevel
        InstrumentationSystem.instrument.extract(envelope.metadata, into: &parent, using: MetadataTraceCarrier())
        let span = startSpan("forward \(topic)", context: parent, ofKind: .producer)
        // Spans are per row: with tracing off, building their attributes was a tenth of the
        // forwarder's CPU for nothing.
        if span.isRecording {
            span.attributes["messaging.system"] = "redis"
            span.attributes["messaging.destination.name"] = topic
            span.attributes["messaging.message.id"] = envelope.uuid
        }
        InstrumentationSystem.instrument.inject(span.context, into: &envelope.metadata, using: MetadataTraceCarrier())
        return span
    }
}
