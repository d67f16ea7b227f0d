import Logging

/// Installs the process-wide log handler chosen by `LOG_FORMAT` and `LOG_LEVEL`.
enum LoggingSetup {
    static func bootstrap(format: ServiceConfiguration.LogFormat, level: Logger.Level) {
        LoggingSystem.bootstrap { label in
            switch format {
            case .json:
                return JSONLogHandler(label: label, level: level)
            case .text:
                var handler = StreamLogHandler.standardOutput(label: label)
                handler.logLevel = level
                return handler
            }
        }
    }
}
