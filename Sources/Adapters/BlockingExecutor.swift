import Entities
import NIOPosix
import ServiceContextModule

/// Runs blocking C calls (libpq, hiredis, libcurl) on threads of its own, so that neither the
/// cooperative pool nor an event loop ever waits on the network. Each driver owns one, sized to
/// the number of calls it may have in flight.
public final class BlockingExecutor: Sendable {
    private let pool: NIOThreadPool

    public init(threads: Int) {
        precondition(threads > 0, "a blocking executor needs at least one thread")
        pool = NIOThreadPool(numberOfThreads: threads)
        pool.start()
    }

    /// Runs `work` on one of the executor's threads and resumes the caller with its result.
    /// The caller's correlation id and `ServiceContext` are bound there too (task locals do not
    /// cross to the pool's threads), so messages made inside `work` (in a transaction body) carry
    /// the caller's correlation id and spans started there belong to the caller's trace.
    public func run<Result: Sendable>(_ work: @escaping @Sendable () throws -> Result) async throws -> Result {
        let correlationID = Correlation.id
        let context = ServiceContext.current
        return try await pool.runIfActive {
            try Correlation.$id.withValue(correlationID) { try ServiceContext.withValue(context, operation: work) }
        }
    }

    /// Stops the threads once the work in flight has finished.
    public func shutdown() async throws {
        try await pool.shutdownGracefully()
    }
}
