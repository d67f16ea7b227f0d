/// An infrastructure error that means "too busy right now, try again shortly", such as a wait for
/// a pooled connection that ran out. Clients see it as 503 with `Retry-After`, not as a 500.
public protocol TemporaryUnavailability: Error {
    /// True when this particular error is such a wait that ran out.
    var isTemporaryUnavailability: Bool { get }
}
