import Hummingbird

extension Request {
    /// The `Idempotency-Key` the caller sent, or `fallback` when it sent none (or an empty one):
    /// the key carried by the events the request causes.
    func idempotencyKey(or fallback: @autoclosure () -> String) -> String {
        headers[.idempotencyKey].flatMap { $0.isEmpty ? nil : $0 } ?? fallback()
    }
}
