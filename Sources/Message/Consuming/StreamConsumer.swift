import Foundation
import Logging
import Metrics
import ServiceLifecycle

/// Runs one handler on its consumer group: reads entries, handles each in its own task (up to
/// `maxInFlight` at once), acknowledges what succeeded, retries what failed with backoff without
/// holding up the entries behind it, and moves what keeps failing, or cannot be read at all, to
/// the dead-letter stream.
///
/// Delivery is at least once: an entry is acknowledged only after its handler succeeded (or it
/// was dead-lettered). A restarted consumer (same name) first resumes its own pending entries;
/// entries left idle by a consumer that died are taken over after `claimIdle`. Attempts are
/// counted by the group's delivery counter, so they survive restarts and takeovers.
///
/// On graceful shutdown it stops reading, lets the handlers in flight finish (a message waiting
/// for its retry stays pending for the next start), and returns after their acknowledgements.
public final class StreamConsumer: Service {
    private let pipeline: HandlerPipeline
    private let stream: any ConsumerGroupStream
    private let configuration: ConsumerConfiguration
    private let group: String
    private let consumerName: String
    private let onSubscribed: @Sendable () -> Void
    private let onStreamError: @Sendable (any Error) -> Void
    private let logger: Logger
    private let slots: AsyncSlots
    private let inHand = EntriesInHand()
    private let deadLetters: Counter
    private let pendingGauge: Gauge
    private let oldestPendingGauge: Gauge

    /// - Parameters:
    ///   - onSubscribed: called once the group exists and reading begins.
    ///   - onStreamError: called with each failure to talk to the stream (for `/health`).
    public init(
        handler: any MessageHandler,
        streams: any ConsumerGroupStreams,
        topology: BusTopology,
        consumerName: String,
        configuration: ConsumerConfiguration,
        logger: Logger,
        onSubscribed: @escaping @Sendable () -> Void = {},
        onStreamError: @escaping @Sendable (any Error) -> Void = { _ in }
    ) {
        self.pipeline = HandlerPipeline(handler: handler, logger: logger)
        self.group = topology.consumerGroup(for: handler)
        self.stream = streams.open(topic: handler.topic, group: group, consumer: consumerName, deadLetterTopic: topology.deadLetterTopic)
        self.consumerName = consumerName
        self.configuration = configuration
        self.onSubscribed = onSubscribed
        self.onStreamError = onStreamError
        var logger = logger
        logger[metadataKey: "handler"] = "\(handler.name)"
        logger[metadataKey: "consumer.group"] = "\(group)"
        self.logger = logger
        self.slots = AsyncSlots(configuration.maxInFlight)
        self.deadLetters = Counter(label: "dead_letters_total", dimensions: [("handler", handler.name)])
        self.pendingGauge = Gauge(label: "consumer_pending_messages", dimensions: [("group", group)])
        self.oldestPendingGauge = Gauge(label: "consumer_oldest_pending_age_seconds", dimensions: [("group", group)])
    }

    private var handler: any MessageHandler { pipeline.handler }

    public func run() async throws {
        guard await subscribe() else {
            await stream.close()
            return
        }
        await withDiscardingTaskGroup { upkeep in
            upkeep.addTask { await self.every(self.configuration.keepAliveInterval) { try await self.keepEntriesInHandFresh() } }
            upkeep.addTask { await self.every(self.configuration.metricsInterval) { try await self.refreshPendingMetrics() } }
            // Handlers run in a group of their own: it ends once those in flight and their acks
            // are done, while their entries are still kept fresh.
            await withDiscardingTaskGroup { work in
                await readUntilShutdown(work: &work)
            }
            upkeep.cancelAll()
        }
        await stream.close()
    }

    // MARK: Reading

    /// Creates the group, retrying while the stream is unreachable; false when shutdown came first.
    private func subscribe() async -> Bool {
        var failures = 0
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                try await stream.createGroup()
                logger.debug("subscribed", metadata: ["topic": "\(handler.topic)"])
                onSubscribed()
                return true
            } catch {
                failures += 1
                reportStreamError(error, while: "creating the consumer group")
                guard await pause(for: backoff(failures)) else { return false }
            }
        }
        return false
    }

    /// Reads own pending entries first, then new ones; between reads, now and then, takes over
    /// entries abandoned by dead consumers.
    private func readUntilShutdown(work: inout DiscardingTaskGroup) async {
        var ownPendingCursor: String? = "0"
        var failures = 0
        let clock = ContinuousClock()
        var nextTakeOver = clock.now + configuration.claimInterval
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                if clock.now >= nextTakeOver {
                    try await takeOverAbandonedEntries(work: &work)
                    nextTakeOver = clock.now + configuration.claimInterval
                }
                let entries: [ConsumedEntry]
                if let cursor = ownPendingCursor {
                    entries = try await stream.readOwnPending(after: cursor, count: configuration.batchSize)
                    ownPendingCursor = entries.last?.id
                } else {
                    entries = try await stream.readNew(count: configuration.batchSize, block: configuration.readBlock)
                }
                failures = 0
                await start(entries, work: &work)
            } catch {
                failures += 1
                reportStreamError(error, while: "reading")
                guard await pause(for: backoff(failures)) else { return }
            }
        }
    }

    private func takeOverAbandonedEntries(work: inout DiscardingTaskGroup) async throws {
        var cursor = "0-0"
        repeat {
            let claimed = try await stream.claimAbandoned(minIdle: configuration.claimIdle, cursor: cursor, count: configuration.batchSize)
            if !claimed.entries.isEmpty {
                logger.info("took over abandoned entries", metadata: ["count": "\(claimed.entries.count)"])
            }
            await start(claimed.entries, work: &work)
            cursor = claimed.nextCursor
        } while cursor != "0-0" && !Task.isCancelled
    }

    /// Starts handling each entry in its own task once a place is free.
    private func start(_ entries: [ConsumedEntry], work: inout DiscardingTaskGroup) async {
        for entry in entries where !inHand.contains(entry.id) {
            // In hand (kept fresh) already while it waits for a place, or another consumer
            // would take it over meanwhile and both would handle it.
            inHand.insert(entry.id)
            await slots.acquire()
            work.addTask {
                await self.process(entry)
                self.inHand.remove(entry.id)
                self.slots.release()
            }
        }
    }

    // MARK: Handling one entry

    private func process(_ entry: ConsumedEntry) async {
        guard let fields = entry.fields else {
            logger.info("clearing a pending entry whose message was deleted", metadata: ["entry.id": "\(entry.id)"])
            await acknowledge(entry.id)
            return
        }
        let envelope: Envelope
        do {
            envelope = try WatermillStreamMarshaler.envelope(from: fields)
        } catch {
            await deadLetter(DeadLetter.envelope(forMalformed: fields), entry: entry.id, reason: error.description)
            return
        }
        if let target = envelope.metadata[MetadataKey.replayForHandler], target != handler.name {
            await acknowledge(entry.id)
            return
        }

        var attempt = entry.deliveryCount
        while true {
            if attempt > configuration.retry.maxAttempts {
                await deadLetter(envelope, entry: entry.id, reason: "gave up after \(attempt - 1) deliveries")
                return
            }
            do {
                try await pipeline.run(envelope, attempt: attempt)
                await acknowledge(entry.id)
                return
            } catch let error as UnprocessableMessage {
                await deadLetter(envelope, entry: entry.id, reason: error.reason)
                return
            } catch {
                guard configuration.retry.allowsRetry(afterAttempt: attempt) else {
                    await deadLetter(envelope, entry: entry.id, reason: "\(error)")
                    return
                }
                // Shutting down: the entry stays pending and is resumed by the next start.
                guard await pause(for: configuration.retry.delay(afterAttempt: attempt)) else { return }
                do {
                    guard let again = try await stream.redeliver(entry.id) else { return }
                    guard again.fields != nil else {
                        await acknowledge(entry.id)
                        return
                    }
                    attempt = again.deliveryCount
                } catch {
                    // Left pending: it is taken over again once idle, its attempts counted.
                    reportStreamError(error, while: "redelivering \(entry.id)")
                    return
                }
            }
        }
    }

    /// Moves the message to the dead-letter stream with the poison-queue metadata Watermill uses.
    private func deadLetter(_ envelope: Envelope, entry id: String, reason: String) async {
        var poisoned = envelope
        poisoned.metadata.merge(
            DeadLetter.poisonMetadata(reason: reason, topic: handler.topic, handler: handler.name, subscriber: consumerName)
        ) { _, new in new }
        do {
            try await stream.deadLetter(WatermillStreamMarshaler.fields(of: poisoned), acknowledging: id)
            deadLetters.increment()
            logger.error("message moved to dead letters", metadata: ["entry.id": "\(id)", "message.uuid": "\(poisoned.uuid)", "reason": "\(reason)"])
        } catch {
            // Still pending: retried when taken over, and dead-lettered then.
            reportStreamError(error, while: "dead-lettering \(id)")
        }
    }

    /// Acknowledges, retrying a few times, also while shutting down (acks are flushed before
    /// shutdown completes); an entry whose ack is lost is delivered again and skipped by the
    /// handler's per-message deduplication.
    private func acknowledge(_ id: String) async {
        for attempt in 1...3 {
            do {
                try await stream.ack([id])
                return
            } catch {
                reportStreamError(error, while: "acknowledging \(id)")
                guard attempt < 3, (try? await Task.sleep(for: backoff(attempt))) != nil else { return }
            }
        }
    }

    // MARK: Upkeep

    private func keepEntriesInHandFresh() async throws {
        let ids = inHand.all
        if !ids.isEmpty { try await stream.keepClaimed(ids) }
    }

    private func refreshPendingMetrics() async throws {
        let summary = try await stream.pendingSummary()
        pendingGauge.record(summary.count)
        oldestPendingGauge.record(summary.oldestIdle.map(\.seconds) ?? 0)
    }

    /// Runs `body` every `interval` until cancelled; failures are reported and tried next time.
    private func every(_ interval: Duration, _ body: () async throws -> Void) async {
        while !Task.isCancelled {
            do { try await Task.sleep(for: interval) } catch { return }
            do { try await body() } catch { reportStreamError(error, while: "upkeep") }
        }
    }

    /// Sleeps unless shutdown begins; false when it did.
    private func pause(for duration: Duration) async -> Bool {
        do {
            try await cancelWhenGracefulShutdown { try await Task.sleep(for: duration) }
            return true
        } catch {
            return false
        }
    }

    private func backoff(_ failures: Int) -> Duration {
        min(.milliseconds(100) * (1 << min(failures, 6)), .seconds(5))
    }

    private func reportStreamError(_ error: any Error, while doing: String) {
        logger.warning("stream error while \(doing)", metadata: ["error": "\(error)"])
        onStreamError(error)
    }
}

extension Duration {
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
