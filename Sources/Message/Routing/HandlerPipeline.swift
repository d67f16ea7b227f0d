import Dispatch
import Entities
import Foundation
import Instrumentation
import Logging
import Metrics
import ServiceContextModule
import Tracing

/// Runs one delivery of a message through its handler, wrapped in the same layers for every
/// handler, outermost first:
/// 1. correlation: the message's `correlation_id` (or a new one) bound to `Correlation.id`, so the
///    messages and gateway calls the handler causes carry it;
/// 2. tracing: a consumer span `handle <handler>` continuing the `traceparent` of the metadata
///    (the forward of the message), which it also records as a span link: OpenTelemetry's
///    messaging conventions link a message's processing to the context that produced it, and
///    trace viewers show the link even where they cut the parent chain;
/// 3. logging: a logger carrying the message's ids; failures logged with the attempt;
/// 4. metrics: processed/failed counters and the duration by topic and handler.
/// Retries and dead letters are the consumer's business (`StreamConsumer`): they must not hold
/// the messages behind a failing one.
public struct HandlerPipeline: Sendable {
    public let handler: any MessageHandler
    private let logger: Logger
    private let processed: Counter
    private let failed: Counter
    private let duration: Metrics.Timer

    public init(handler: any MessageHandler, logger: Logger) {
        self.handler = handler
        self.logger = logger
        let dimensions = [("topic", handler.topic), ("handler", handler.name)]
        processed = Counter(label: "messages_processed_total", dimensions: dimensions)
        failed = Counter(label: "messages_processing_failed_total", dimensions: dimensions)
        duration = Metrics.Timer(label: "messages_processing_duration_seconds", dimensions: dimensions, preferredDisplayUnit: .seconds)
    }

    /// Handles `envelope` once; rethrows the handler's error.
    public func run(_ envelope: Envelope, attempt: Int) async throws {
        let correlationID = envelope.correlationID ?? "gen_" + UUID().uuidString.lowercased()
        var logger = logger
        logger[metadataKey: "message.uuid"] = "\(envelope.uuid)"
        logger[metadataKey: "message.name"] = "\(envelope.name ?? "unnamed")"
        logger[metadataKey: "handler"] = "\(handler.name)"
        logger[metadataKey: "correlation.id"] = "\(correlationID)"
        let context = MessageContext(messageUUID: envelope.uuid, handlerName: handler.name, attempt: attempt, logger: logger)

        var traceContext = ServiceContext.topLevel
        InstrumentationSystem.instrument.extract(envelope.metadata, into: &traceContext, using: MetadataTraceCarrier())

        try await Correlation.$id.withValue(correlationID) {
            try await withSpan("handle \(handler.name)", context: traceContext, ofKind: .consumer) { span in
                span.attributes["messaging.message.id"] = envelope.uuid
                span.attributes["messaging.destination.name"] = handler.topic
                if envelope.metadata[MetadataKey.traceparent] != nil {
                    span.addLink(SpanLink(context: traceContext, attributes: [:]))
                }
                let start = DispatchTime.now().uptimeNanoseconds
                do {
                    try await handler.handle(envelope, context: context)
                    duration.recordNanoseconds(DispatchTime.now().uptimeNanoseconds - start)
                    processed.increment()
                    logger.debug("message handled", metadata: ["attempt": "\(attempt)"])
                } catch {
                    duration.recordNanoseconds(DispatchTime.now().uptimeNanoseconds - start)
                    failed.increment()
                    logger.warning("message handling failed", metadata: ["attempt": "\(attempt)", "error": "\(error)"])
                    throw error
                }
            }
        }
    }
}
