import HTTPTypes

extension HTTPField.Name {
    static let correlationID = HTTPField.Name("Correlation-ID")!
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
}
