/// Header fields of an HTTP request or response, in the order they were added or received.
/// Names compare case-insensitively, as HTTP requires.
public struct HTTPClientHeaders: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    /// One header field.
    public struct Field: Sendable, Equatable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public private(set) var fields: [Field]

    public init(_ fields: [Field] = []) {
        self.fields = fields
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        fields = elements.map { Field(name: $0.0, value: $0.1) }
    }

    /// The first value of the field `name`, or nil when absent.
    public subscript(name: String) -> String? {
        fields.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    public func contains(_ name: String) -> Bool {
        self[name] != nil
    }

    public mutating func add(name: String, value: String) {
        fields.append(Field(name: name, value: value))
    }
}
