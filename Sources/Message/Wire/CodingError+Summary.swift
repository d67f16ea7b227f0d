extension DecodingError {
    /// What went wrong and where, in one line, e.g. `header.published_at: not an RFC 3339 time: x`.
    var summary: String {
        switch self {
        case .keyNotFound(let key, let context):
            "missing key \(CodingPath.text(context.codingPath + [key]))"
        case .typeMismatch(let type, let context):
            "\(CodingPath.text(context.codingPath)): expected \(type): \(context.debugDescription)"
        case .valueNotFound(let type, let context):
            "\(CodingPath.text(context.codingPath)): null where \(type) was expected"
        case .dataCorrupted(let context):
            "\(CodingPath.text(context.codingPath)): \(context.debugDescription)\(context.underlyingError.map { " (\($0))" } ?? "")"
        @unknown default:
            String(describing: self)
        }
    }
}

extension EncodingError {
    /// What could not be encoded and where, in one line.
    var summary: String {
        switch self {
        case .invalidValue(let value, let context):
            "\(CodingPath.text(context.codingPath)): cannot encode \(value): \(context.debugDescription)"
        @unknown default:
            String(describing: self)
        }
    }
}

/// Coding paths as dotted text, e.g. `header.published_at`.
enum CodingPath {
    static func text(_ codingPath: [any CodingKey]) -> String {
        codingPath.isEmpty ? "(top level)" : codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }
}
