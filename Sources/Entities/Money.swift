/// An amount of money as the contract carries it: a decimal string (never a float) and a
/// three-letter currency code.
public struct Money: Sendable, Hashable, Codable {
    /// Decimal amount, e.g. `"100.00"`.
    public var amount: String
    /// ISO 4217 code, e.g. `"EUR"`.
    public var currency: String

    public init(amount: String, currency: String) {
        self.amount = amount
        self.currency = currency
    }
}
