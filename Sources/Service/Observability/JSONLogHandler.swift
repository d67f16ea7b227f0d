import Entities
import Foundation
import Logging
import Synchronization

/// swift-log handler writing one JSON object per line: `time`, `level`, `message`, `logger`,
/// the metadata under its own (dotted) keys, and `correlation.id` of the task that logs when one
/// is bound, so every line of a request or message can be found by its correlation id.
struct JSONLogHandler: LogHandler {
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let sink: LogSink

    init(label: String, level: Logger.Level, sink: LogSink = .standardOutput, metadataProvider: Logger.MetadataProvider? = nil) {
        self.label = label
        self.logLevel = level
        self.sink = sink
        self.metadataProvider = metadataProvider
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var fields: [String: Any] = [:]
        let provided = metadataProvider?.get() ?? [:]
        for (key, value) in metadata.merging(provided, uniquingKeysWith: { $1 }).merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) {
            fields[key] = Self.jsonValue(value)
        }
        if let error = event.error { fields["error"] = String(describing: error) }
        if let correlationID = Correlation.id { fields["correlation.id"] = correlationID }
        fields["time"] = Self.timeFormat.format(Date())
        fields["level"] = event.level.rawValue
        fields["message"] = event.message.description
        fields["logger"] = label
        guard let data = try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys, .withoutEscapingSlashes]) else { return }
        sink.write(data + Data("\n".utf8))
    }

    private static let timeFormat = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    private static func jsonValue(_ value: Logger.Metadata.Value) -> Any {
        switch value {
        case .string(let string): string
        case .stringConvertible(let convertible): convertible.description
        case .array(let array): array.map(jsonValue)
        case .dictionary(let dictionary): dictionary.mapValues(jsonValue)
        }
    }
}

/// Where log lines go: standard output, whole lines at a time even from many threads.
final class LogSink: Sendable {
    static let standardOutput = LogSink(handle: .standardOutput)

    private let handle: Mutex<FileHandle>

    init(handle: FileHandle) {
        self.handle = Mutex(handle)
    }

    func write(_ line: Data) {
        handle.withLock { $0.write(line) }
    }
}
