import CCurl
import Foundation

/// An HTTP/1.1 client over libcurl.
///
/// Transfers run on a `BlockingExecutor` of its own with one thread per easy handle, never on
/// the cooperative pool. Handles are reused, so consecutive calls to the same host use a kept
/// alive connection. Every status the server answers is a response; only a missing response
/// (refused, timed out, unresolvable, broken transfer) throws an `HTTPClientError`. Cancelling
/// the calling task aborts the transfer and throws `CancellationError`.
public final class CurlHTTPClient: Sendable {
    public struct Configuration: Sendable {
        /// Transfers in flight at once; further requests wait for a free handle.
        public var maxConcurrentRequests: Int
        /// Timeouts of requests that do not bring their own.
        public var timeouts: HTTPClientTimeouts
        public var userAgent: String

        public init(
            maxConcurrentRequests: Int = 8,
            timeouts: HTTPClientTimeouts = HTTPClientTimeouts(connect: .seconds(2), total: .seconds(10)),
            userAgent: String = "tickets"
        ) {
            self.maxConcurrentRequests = maxConcurrentRequests
            self.timeouts = timeouts
            self.userAgent = userAgent
        }
    }

    public let configuration: Configuration
    private let executor: BlockingExecutor
    private let handles = CurlHandlePool()

    /// Fails only when libcurl itself cannot be initialised.
    public init(configuration: Configuration = Configuration()) throws {
        let initialization = CurlGlobal.initialization
        guard initialization == CURLE_OK else {
            throw CurlInitializationError(curlCode: Int(initialization.rawValue), message: String(cString: curl_easy_strerror(initialization)))
        }
        self.configuration = configuration
        executor = BlockingExecutor(threads: configuration.maxConcurrentRequests)
    }

    /// Sends `request` and returns the server's answer, whatever its status.
    public func execute(_ request: HTTPClientRequest) async throws -> HTTPClientResponse {
        try Task.checkCancellation()
        let cancellation = CurlCancellation()
        let timeouts = request.timeouts ?? configuration.timeouts
        let userAgent = configuration.userAgent
        let handles = handles
        // The total timeout also bounds the wait for a free transfer thread: when every thread
        // is busy, the call ends in time rather than queueing behind them without limit.
        let clock = ContinuousClock()
        let deadline = clock.now + timeouts.total
        do {
            return try await withTaskCancellationHandler {
                try await executor.run {
                    let remaining = deadline - clock.now
                    guard remaining > .zero else {
                        throw HTTPClientError(
                            kind: .timeout, method: request.method, url: request.url,
                            message: "no transfer thread became free within the total timeout of \(timeouts.total)"
                        )
                    }
                    let bounded = HTTPClientTimeouts(connect: min(timeouts.connect, remaining), total: remaining)
                    return try handles.withHandle(for: request) { handle in
                        try handle.perform(request, timeouts: bounded, userAgent: userAgent, cancellation: cancellation)
                    }
                }
            } onCancel: {
                cancellation.cancel()
            }
        } catch is CancellationError where !Task.isCancelled {
            // The executor turns work submitted after its shutdown away as cancelled.
            throw HTTPClientError(
                kind: .transport, method: request.method, url: request.url,
                message: "the HTTP client is shut down"
            )
        }
    }

    /// Waits for the transfers in flight, then stops the client's threads.
    public func shutdown() async throws {
        try await executor.shutdown()
    }
}

/// libcurl's global initialisation failed; no client can work in this process.
public struct CurlInitializationError: Error, Sendable, CustomStringConvertible {
    public var curlCode: Int
    public var message: String

    public var description: String { "libcurl initialisation failed (curl code \(curlCode)): \(message)" }
}
