import Foundation
import Logging
import Synchronization

/// Listens to one channel on a dedicated connection, on a thread of its own (waiting for
/// notifications blocks), and yields what arrives as `events`. When the connection breaks it
/// reconnects with backoff, LISTENs again and yields `.reconnected`. `stop()` ends it within
/// one poll interval (or once a connection attempt under way ends); so does ending the
/// iteration of `events`.
public final class PostgresNotificationListener: Sendable {
    public let events: AsyncStream<PostgresListenerEvent>
    private let continuation: AsyncStream<PostgresListenerEvent>.Continuation
    private let configuration: PostgresClient.Configuration
    private let channel: String
    private let logger: Logger
    private let lifecycle = Mutex(Lifecycle())

    /// How long the thread waits on the socket before checking whether it should stop.
    private static let pollInterval = Duration.milliseconds(100)
    private static let firstReconnectDelay = Duration.milliseconds(100)
    private static let maxReconnectDelay = Duration.seconds(5)

    private struct Lifecycle {
        var started = false
        var stopRequested = false
        var finished = false
        var awaitingFinish: [CheckedContinuation<Void, Never>] = []
    }

    public init(configuration: PostgresClient.Configuration, channel: String, logger: Logger = Logger(label: "tickets.postgres.listener")) {
        self.configuration = configuration
        self.channel = channel
        self.logger = logger
        (events, continuation) = AsyncStream.makeStream(bufferingPolicy: .unbounded)
        continuation.onTermination = { [weak self] _ in self?.requestStop() }
    }

    /// Starts the listening thread; later calls do nothing.
    public func start() {
        let shouldStart = lifecycle.withLock { lifecycle in
            defer { lifecycle.started = true }
            return !lifecycle.started && !lifecycle.stopRequested
        }
        guard shouldStart else { return }
        let thread = Thread { [self] in
            listenUntilStopped()
            finish()
        }
        thread.name = "postgres-listener"
        thread.start()
    }

    /// Stops listening, closes the connection, ends `events`, and returns once the thread is done.
    public func stop() async {
        let neverStarted = lifecycle.withLock { lifecycle in
            lifecycle.stopRequested = true
            return !lifecycle.started
        }
        if neverStarted {
            finish()
            return
        }
        await withCheckedContinuation { (finished: CheckedContinuation<Void, Never>) in
            let isFinished = lifecycle.withLock { lifecycle in
                if !lifecycle.finished { lifecycle.awaitingFinish.append(finished) }
                return lifecycle.finished
            }
            if isFinished { finished.resume() }
        }
    }

    private var stopRequested: Bool { lifecycle.withLock { $0.stopRequested } }

    private func requestStop() {
        lifecycle.withLock { $0.stopRequested = true }
    }

    private func finish() {
        continuation.finish()
        let awaiting = lifecycle.withLock { lifecycle in
            lifecycle.finished = true
            defer { lifecycle.awaitingFinish = [] }
            return lifecycle.awaitingFinish
        }
        awaiting.forEach { $0.resume() }
    }

    /// The thread's loop: (re)connect and LISTEN, then wait on the socket and pass on what arrives.
    private func listenUntilStopped() {
        var connection: PostgresConnection?
        var hasListened = false
        var reconnectDelay = Self.firstReconnectDelay
        while !stopRequested {
            do {
                guard let listening = connection else {
                    let opened = try PostgresConnection.connect(configuration: configuration, logger: logger)
                    try opened.listen(channel: channel)
                    connection = opened
                    continuation.yield(hasListened ? .reconnected : .listening)
                    hasListened = true
                    reconnectDelay = Self.firstReconnectDelay
                    yieldNotifications(from: opened)
                    continue
                }
                try listening.awaitInput(timeout: Self.pollInterval)
                yieldNotifications(from: listening)
            } catch {
                logger.warning("Postgres listener has no working connection; reconnecting", metadata: [
                    "postgres.channel": "\(channel)", "postgres.error": "\(error)",
                ])
                connection = nil
                pause(for: reconnectDelay)
                reconnectDelay = min(reconnectDelay * 2, Self.maxReconnectDelay)
            }
        }
    }

    private func yieldNotifications(from connection: PostgresConnection) {
        for notification in connection.takeNotifications() {
            continuation.yield(.notification(notification))
        }
    }

    /// Sleeps in short steps so that a stop request is not held up by the backoff.
    private func pause(for delay: Duration) {
        let clock = ContinuousClock()
        let deadline = clock.now + delay
        while !stopRequested, clock.now < deadline {
            Thread.sleep(forTimeInterval: 0.02)
        }
    }
}
