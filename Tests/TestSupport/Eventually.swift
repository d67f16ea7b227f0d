/// A condition a test waited for in vain.
public struct ConditionNeverMet: Error, CustomStringConvertible {
    public let what: String
    public let bound: Duration

    public var description: String { "\(what) did not happen within \(bound)" }
}

/// Polls `condition` until it holds; throws after `bound`, which is a limit for a hung test,
/// not a measurement.
public func eventually(
    _ what: String, within bound: Duration = .seconds(30), _ condition: () async throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + bound
    while try await !condition() {
        guard ContinuousClock.now < deadline else { throw ConditionNeverMet(what: what, bound: bound) }
        try await Task.sleep(for: .milliseconds(20))
    }
}
