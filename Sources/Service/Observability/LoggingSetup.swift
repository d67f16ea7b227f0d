import Logging

/// Installs the process-wide log handler chosen by `LOG_FORMAT` and `LOG_LEVEL`, behind the
/// redaction of email addresses.
enum LoggingSetup {
    static func bootstrap(format: ServiceConfiguration.LogFormat, level: Logger.Level) {
        LoggingSystem.bootstrap { label -> any LogHandler in
            switch format {
            case .json:
                return EmailRedactingLogHandler(wrapped: JSONLogHandler(label: label, level: level))
            case .text:
                var handler = StreamLogHandler.standardOutput(label: label)
                handler.logLevel = level
                return EmailRedactingLogHandler(wrapped: handler)
            }
        }
    }
}
