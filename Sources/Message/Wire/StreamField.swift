import Foundation

/// One field of a Redis stream entry, in the order `XADD` writes it.
public struct StreamField: Sendable, Hashable {
    public var name: String
    public var value: Data

    public init(name: String, value: Data) {
        self.name = name
        self.value = value
    }
}
