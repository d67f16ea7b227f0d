import Instrumentation
import Logging
import OTel
import ServiceLifecycle

/// Installs the process-wide tracer. Only `tickets serve` calls it, and only with a tracing
/// configuration: otherwise the no-op tracer of swift-distributed-tracing stays, and no exporter
/// runs. Bootstrapping is allowed once per process.
enum TracingSetup {
    /// Bootstraps an OpenTelemetry tracer exporting over OTLP/HTTP (protobuf) in batches.
    /// Returns its service (the exporter and batch processor), which must run in the service
    /// group, last to stop, so that the spans of the shutdown are flushed too.
    static func bootstrap(_ configuration: TracingConfiguration, logger: Logger) throws -> any Service {
        var otel = OTel.Configuration.default
        otel.serviceName = configuration.serviceName
        otel.diagnosticLogger = .custom(logger)
        otel.metrics.enabled = false
        otel.logs.enabled = false
        otel.traces.exporter = .otlp
        otel.traces.otlpExporter.protocol = .httpProtobuf
        otel.traces.otlpExporter.endpoint = configuration.tracesURL
        let backend = try OTel.makeTracingBackend(configuration: otel)
        InstrumentationSystem.bootstrap(backend.factory)
        return backend.service
    }

    /// Log metadata of the current span, `trace.id` and `span.id` (and `trace.flags`), so a
    /// log line leads to its trace; nothing outside a span or without a tracer.
    static let logMetadataProvider: Logger.MetadataProvider = {
        var keys = OTel.Configuration.LoggingMetadataProviderConfiguration.default
        keys.traceIDKey = "trace.id"
        keys.spanIDKey = "span.id"
        keys.traceFlagsKey = "trace.flags"
        return OTel.makeLoggingMetadataProvider(configuration: keys)
    }()
}
