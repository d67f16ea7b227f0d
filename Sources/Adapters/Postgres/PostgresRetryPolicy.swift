/// How often, and after what pause, a transaction that lost a serialization conflict or a
/// deadlock (40001/40P01) runs again.
public struct PostgresRetryPolicy: Sendable {
    /// Runs of the transaction in all, the first included.
    public let maxAttempts: Int
    /// The pause before the second run; it doubles for each further run, up to `maxDelay`.
    public let baseDelay: Duration
    public let maxDelay: Duration

    public init(maxAttempts: Int = 10, baseDelay: Duration = .milliseconds(5), maxDelay: Duration = .milliseconds(250)) {
        precondition(maxAttempts > 0, "a transaction runs at least once")
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// The pause after failed run number `attempt` (1-based): half the exponential step plus a
    /// random share of the other half, so that competing transactions drift apart.
    func delay(afterAttempt attempt: Int) -> Duration {
        let step = min(baseDelay * (1 << min(attempt - 1, 30)), maxDelay)
        return step / 2 + step / 2 * Double.random(in: 0...1)
    }
}
