import Foundation

/// The Redis Streams commands the message bus uses, typed. Available on the pooled client and on
/// a blocking connection; reads that block are on `RedisBlockingConnection` only.
extension RedisCommandSending {
    /// Adds an entry and returns its id.
    @discardableResult
    public func xadd(
        _ stream: String, fields: [(name: String, value: Data)], id: String = "*", trim: RedisStreamTrim? = nil
    ) async throws -> String {
        let append = RedisStreamAppend(stream: stream, fields: fields, id: id, trim: trim)
        return try await send(append.command) { reply throws(UnexpectedRedisReply) in
            try reply.stringValue("the new entry's id")
        }
    }

    /// Creates a consumer group that starts after `id` (`0`: the group sees every entry already
    /// in the stream; `$`: only new ones), creating the stream if needed. Returns false when the
    /// group already existed (`BUSYGROUP`), which is not an error.
    @discardableResult
    public func xgroupCreate(
        _ stream: String, group: String, from id: String = "0", makeStream: Bool = true
    ) async throws -> Bool {
        var command: RedisCommand = ["XGROUP", "CREATE", stream, group, id]
        if makeStream {
            command.append("MKSTREAM")
        }
        do {
            try await send(command)
            return true
        } catch let error as RedisError where error.serverErrorCode == "BUSYGROUP" {
            return false
        }
    }

    /// Reads for `consumer` of `group` without blocking: new entries (id `>`) or the consumer's
    /// own pending entries from the given id on (e.g. `0`). Entries deleted while pending come
    /// back with `fields == nil`.
    public func xreadgroup(
        group: String, consumer: String, streams: [(stream: String, id: String)], count: Int? = nil
    ) async throws -> [RedisStreamBatch] {
        try await send(
            RedisCommand.readGroup(group: group, consumer: consumer, streams: streams, count: count, block: nil),
            decoding: RedisStreamBatch.list(decoding:))
    }

    /// Acknowledges entries; returns how many were pending.
    @discardableResult
    public func xack(_ stream: String, group: String, ids: [String]) async throws -> Int {
        guard !ids.isEmpty else { return 0 }
        return try await send(RedisCommand(["XACK", stream, group] + ids)) { reply throws(UnexpectedRedisReply) in
            try reply.intValue("an acknowledged count")
        }
    }

    /// The group's pending entries in summary: count, id range and count per consumer.
    public func xpendingSummary(_ stream: String, group: String) async throws -> RedisPendingSummary {
        try await send(["XPENDING", stream, group], decoding: RedisPendingSummary.init(decoding:))
    }

    /// The group's pending entries from `start` to `end` (at most `count`), optionally only those
    /// of `consumer` or idle for at least `minIdle`.
    public func xpending(
        _ stream: String, group: String, start: String = "-", end: String = "+", count: Int,
        consumer: String? = nil, minIdle: Duration? = nil
    ) async throws -> [RedisPendingEntry] {
        var command: RedisCommand = ["XPENDING", stream, group]
        if let minIdle {
            command.append("IDLE")
            command.append(minIdle.redisMilliseconds)
        }
        command.append(start)
        command.append(end)
        command.append(count)
        if let consumer {
            command.append(consumer)
        }
        return try await send(command) { reply throws(UnexpectedRedisReply) in
            var entries: [RedisPendingEntry] = []
            for element in try reply.arrayValue("a list of pending entries") {
                entries.append(try RedisPendingEntry(decoding: element))
            }
            return entries
        }
    }

    /// Claims for `consumer` the entries of the group idle for at least `minIdle`, scanning the
    /// pending list from `start`. Entries deleted from the stream are dropped from the pending
    /// list and reported in `deletedIDs`.
    public func xautoclaim(
        _ stream: String, group: String, consumer: String, minIdle: Duration, start: String = "0-0", count: Int? = nil
    ) async throws -> RedisAutoClaimResult {
        var command: RedisCommand = ["XAUTOCLAIM", stream, group, consumer, minIdle.redisMilliseconds, start]
        if let count {
            command.append("COUNT")
            command.append(count)
        }
        return try await send(command, decoding: RedisAutoClaimResult.init(decoding:))
    }

    /// Claims the given entries for `consumer` if idle for at least `minIdle`, incrementing their
    /// delivery counts, and returns them. `idle` sets their idle time (default: zero).
    public func xclaim(
        _ stream: String, group: String, consumer: String, minIdle: Duration, ids: [String], idle: Duration? = nil
    ) async throws -> [RedisStreamEntry] {
        guard !ids.isEmpty else { return [] }
        let command = RedisCommand.claim(
            stream, group: group, consumer: consumer, minIdle: minIdle, ids: ids, idle: idle, justID: false)
        return try await send(command, decoding: RedisStreamEntry.list(decoding:))
    }

    /// Like `xclaim` with `JUSTID`: returns only the ids and leaves delivery counts alone. With
    /// the entries' current consumer and `minIdle: .zero`, it resets the idle time of entries
    /// still being processed, so that other consumers do not claim them.
    @discardableResult
    public func xclaimJustID(
        _ stream: String, group: String, consumer: String, minIdle: Duration, ids: [String], idle: Duration? = nil
    ) async throws -> [String] {
        guard !ids.isEmpty else { return [] }
        let command = RedisCommand.claim(
            stream, group: group, consumer: consumer, minIdle: minIdle, ids: ids, idle: idle, justID: true)
        return try await send(command, decoding: streamIDs(decoding:))
    }

    /// Deletes entries from the stream; returns how many existed.
    @discardableResult
    public func xdel(_ stream: String, ids: [String]) async throws -> Int {
        guard !ids.isEmpty else { return 0 }
        return try await send(RedisCommand(["XDEL", stream] + ids)) { reply throws(UnexpectedRedisReply) in
            try reply.intValue("a deleted count")
        }
    }

    /// The number of entries in the stream (0 when it does not exist).
    public func xlen(_ stream: String) async throws -> Int {
        try await send(["XLEN", stream]) { reply throws(UnexpectedRedisReply) in try reply.intValue("a length") }
    }

    /// The stream's consumer groups with their pending counts and lag.
    public func xinfoGroups(_ stream: String) async throws -> [RedisStreamGroupInfo] {
        try await send(["XINFO", "GROUPS", stream]) { reply throws(UnexpectedRedisReply) in
            var groups: [RedisStreamGroupInfo] = []
            for element in try reply.arrayValue("a list of consumer groups") {
                groups.append(try RedisStreamGroupInfo(decoding: element))
            }
            return groups
        }
    }

    /// Trims the stream; returns how many entries were removed.
    @discardableResult
    public func xtrim(_ stream: String, _ trim: RedisStreamTrim) async throws -> Int {
        try await send(RedisCommand(["XTRIM", stream] + trim.arguments)) { reply throws(UnexpectedRedisReply) in
            try reply.intValue("a trimmed count")
        }
    }

    /// The entries from `start` to `end` in id order (at most `count`), e.g. to list dead letters.
    public func xrange(
        _ stream: String, from start: String = "-", to end: String = "+", count: Int? = nil
    ) async throws -> [RedisStreamEntry] {
        var command: RedisCommand = ["XRANGE", stream, start, end]
        if let count {
            command.append("COUNT")
            command.append(count)
        }
        return try await send(command, decoding: RedisStreamEntry.list(decoding:))
    }

    /// Deletes keys; returns how many existed.
    @discardableResult
    public func del(_ keys: [String]) async throws -> Int {
        guard !keys.isEmpty else { return 0 }
        return try await send(RedisCommand(["DEL"] + keys)) { reply throws(UnexpectedRedisReply) in
            try reply.intValue("a deleted count")
        }
    }
}

extension RedisCommand {
    /// `XREADGROUP GROUP group consumer [COUNT n] [BLOCK ms] STREAMS key... id...`
    static func readGroup(
        group: String, consumer: String, streams: [(stream: String, id: String)], count: Int?, block: Duration?
    ) -> RedisCommand {
        var command: RedisCommand = ["XREADGROUP", "GROUP", group, consumer]
        if let count {
            command.append("COUNT")
            command.append(count)
        }
        if let block {
            command.append("BLOCK")
            command.append(block.redisMilliseconds)
        }
        command.append("STREAMS")
        for (stream, _) in streams {
            command.append(stream)
        }
        for (_, id) in streams {
            command.append(id)
        }
        return command
    }

    /// `XCLAIM key group consumer min-idle id... [IDLE ms] [JUSTID]`
    static func claim(
        _ stream: String, group: String, consumer: String, minIdle: Duration, ids: [String], idle: Duration?,
        justID: Bool
    ) -> RedisCommand {
        var command = RedisCommand(["XCLAIM", stream, group, consumer, minIdle.redisMilliseconds] + ids)
        if let idle {
            command.append("IDLE")
            command.append(idle.redisMilliseconds)
        }
        if justID {
            command.append("JUSTID")
        }
        return command
    }
}

extension Duration {
    /// Whole milliseconds, as Redis takes times.
    var redisMilliseconds: Int {
        let (seconds, attoseconds) = components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }
}
