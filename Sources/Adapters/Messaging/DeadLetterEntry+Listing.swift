import Foundation

extension DeadLetterEntry {
    /// The entry as `tickets dead-letters list` prints it: always one line, since reasons quote
    /// errors and answer bodies that can hold line breaks, and scripts read the list line by line.
    public var listingLine: String {
        if let problem {
            return "\(id)  unreadable: \(Self.oneLine(problem))"
        }
        return [
            id,
            "uuid=\(envelope?.uuid ?? "-")",
            "name=\(envelope?.name ?? "-")",
            "topic=\(topic ?? "-")",
            "handler=\(handler ?? "-")",
            "reason=\(reason.map(Self.oneLine) ?? "-")",
        ].joined(separator: "  ")
    }

    /// `text` with line breaks and tabs written as `\n`, `\r` and `\t`.
    private static func oneLine(_ text: String) -> String {
        text.replacingOccurrences(of: "\r", with: "\\r")
            .replacingOccurrences(of: "\n", with: "\\n")
            .replacingOccurrences(of: "\t", with: "\\t")
    }
}
