import Foundation

/// When a failed message is tried again and when it is given up: exponential backoff from
/// `initialDelay`, multiplied by `multiplier` per attempt, capped at `maxDelay`, with ±`jitter`
/// spread so that many failures do not retry in lockstep (CONTRACT.md §3).
public struct RetryPolicy: Sendable, Equatable {
    /// Attempts a message gets, the first included, before it goes to the dead letters.
    public var maxAttempts: Int
    public var initialDelay: Duration
    public var multiplier: Double
    public var maxDelay: Duration
    /// Relative spread, 0.2 = ±20 %.
    public var jitter: Double

    public init(
        maxAttempts: Int = 10,
        initialDelay: Duration = .milliseconds(100),
        multiplier: Double = 2,
        maxDelay: Duration = .seconds(30),
        jitter: Double = 0.2
    ) {
        precondition(maxAttempts > 0, "a message needs at least one attempt")
        self.maxAttempts = maxAttempts
        self.initialDelay = initialDelay
        self.multiplier = multiplier
        self.maxDelay = maxDelay
        self.jitter = jitter
    }

    /// Whether a message that failed its `attempt`-th delivery gets another.
    public func allowsRetry(afterAttempt attempt: Int) -> Bool {
        attempt < maxAttempts
    }

    /// The wait after the `attempt`-th failed delivery (1 for the first).
    public func delay(afterAttempt attempt: Int, using generator: inout some RandomNumberGenerator) -> Duration {
        let exponent = Double(max(attempt - 1, 0))
        let base = min(seconds(initialDelay) * pow(multiplier, exponent), seconds(maxDelay))
        let spread = jitter > 0 ? Double.random(in: -jitter...jitter, using: &generator) : 0
        return .nanoseconds(Int64((base * (1 + spread) * 1e9).rounded()))
    }

    public func delay(afterAttempt attempt: Int) -> Duration {
        var generator = SystemRandomNumberGenerator()
        return delay(afterAttempt: attempt, using: &generator)
    }

    private func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
