/// An infrastructure error that means "unavailable right now, try again shortly", such as a wait
/// for a pooled connection that ran out or a database restarting. Clients see it as 503 with `Retry-After`, not as a 500.
public protocol TemporaryUnavailability: Error {
    /// True when this particular error is such a passing unavailability.
    var isTemporaryUnavailability: Bool { get }
}
