import Synchronization

/// The easy handles of one client. A handle keeps its connections open between transfers, so
/// lending the most recently returned handle first keeps reusing a warm connection.
///
/// Handles are created on demand and never outnumber the transfers in flight at once, which
/// the client's `BlockingExecutor` bounds.
final class CurlHandlePool: Sendable {
    private let idle = Mutex<[CurlEasyHandle]>([])

    /// Lends a handle to `body` for the duration of one transfer of `request`.
    func withHandle<Result>(for request: HTTPClientRequest, _ body: (CurlEasyHandle) throws -> Result) throws -> Result {
        guard let handle = idle.withLock({ $0.popLast() }) ?? CurlEasyHandle() else {
            throw HTTPClientError(
                kind: .transport, method: request.method, url: request.url,
                message: "libcurl could not create an easy handle"
            )
        }
        defer { idle.withLock { $0.append(handle) } }
        return try body(handle)
    }
}
