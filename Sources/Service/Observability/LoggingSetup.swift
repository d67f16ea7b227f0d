import Logging

/// Installs the process-wide log handler chosen by `LOG_FORMAT` and `LOG_LEVEL`, behind the
/// redaction of email addresses. Either way every line carries the current span's `trace.id` and
/// `span.id` when there is one.
enum LoggingSetup {
    static func bootstrap(format: ServiceConfiguration.LogFormat, level: Logger.Level) {
        LoggingSystem.bootstrap({ label, metadataProvider -> any LogHandler in
            switch format {
            case .json:
                return EmailRedactingLogHandler(wrapped: JSONLogHandler(label: label, level: level, metadataProvider: metadataProvider))
            case .text:
                var handler = StreamLogHandler.standardOutput(label: label, metadataProvider: metadataProvider)
                handler.logLevel = level
                return EmailRedactingLogHandler(wrapped: handler)
            }
        }, metadataProvider: TracingSetup.logMetadataProvider)
    }
}
