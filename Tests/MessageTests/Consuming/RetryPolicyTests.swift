import Message
import TestSupport
import Testing

/// Exponential backoff from the initial delay, capped, with bounded jitter (CONTRACT.md §3).
@Suite struct RetryPolicyTests {
    @Test func defaultsAreTheContractsOnes() {
        let policy = RetryPolicy()
        #expect(policy.maxAttempts == 10)
        #expect(policy.initialDelay == .milliseconds(100))
        #expect(policy.multiplier == 2)
        #expect(policy.maxDelay == .seconds(30))
        #expect(policy.jitter > 0)
    }

    @Test func delaysDoubleFromTheInitialOneUpToTheCap() {
        let policy = RetryPolicy(jitter: 0)
        let delays = (1...12).map { policy.delay(afterAttempt: $0) }
        let expected: [Duration] = [
            .milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800), .milliseconds(1600), .milliseconds(3200),
            .milliseconds(6400), .milliseconds(12800), .milliseconds(25600), .seconds(30), .seconds(30), .seconds(30),
        ]
        #expect(delays == expected)
        #expect(policy.delay(afterAttempt: 1000) == .seconds(30))
    }

    @Test func jitterStaysWithinItsSpreadAndIsUsed() {
        let policy = RetryPolicy(jitter: 0.2)
        let plain = RetryPolicy(jitter: 0)
        var random = SeededRandom(seed: 42)
        for attempt in 1...12 {
            let base = plain.delay(afterAttempt: attempt)
            let delays = (0..<200).map { _ in policy.delay(afterAttempt: attempt, using: &random) }
            #expect(delays.allSatisfy { $0 >= base * 0.8 && $0 <= base * 1.2 }, "attempt \(attempt)")
            #expect(Set(delays).count > 100, "attempt \(attempt) spreads")
            #expect(delays.contains { $0 < base } && delays.contains { $0 > base })
        }
    }

    @Test func sameSeedGivesSameDelays() {
        let policy = RetryPolicy()
        var first = SeededRandom(seed: 7)
        var second = SeededRandom(seed: 7)
        #expect((1...10).map { policy.delay(afterAttempt: $0, using: &first) } == (1...10).map { policy.delay(afterAttempt: $0, using: &second) })
    }

    @Test func allowsRetryUntilTheLastAttempt() {
        let policy = RetryPolicy(maxAttempts: 3)
        #expect((1...4).map(policy.allowsRetry(afterAttempt:)) == [true, true, false, false])
        #expect(!RetryPolicy(maxAttempts: 1).allowsRetry(afterAttempt: 1))
    }
}
