import Foundation

extension RedisStreamEntry {
    /// `[id, [name, value, ...]]`, or `[id, nil]` for a pending entry deleted from the stream.
    init(decoding reply: RedisReply) throws(UnexpectedRedisReply) {
        let parts = try reply.tupleValue(2, "a stream entry [id, fields]")
        let id = try parts[0].stringValue("a stream entry id")
        guard !parts[1].isNull else {
            self.init(id: id, fields: nil)
            return
        }
        let flattened = try parts[1].arrayValue("the fields of a stream entry")
        guard flattened.count.isMultiple(of: 2) else {
            throw UnexpectedRedisReply(expected: "field names and values in pairs", actual: parts[1])
        }
        var fields: [(name: String, value: Data)] = []
        fields.reserveCapacity(flattened.count / 2)
        for index in stride(from: 0, to: flattened.count, by: 2) {
            fields.append(
                (
                    name: try flattened[index].stringValue("a field name"),
                    value: try flattened[index + 1].dataValue("a field value")
                ))
        }
        self.init(id: id, fields: fields)
    }

    static func list(decoding reply: RedisReply) throws(UnexpectedRedisReply) -> [RedisStreamEntry] {
        var entries: [RedisStreamEntry] = []
        for element in try reply.arrayValue("a list of stream entries") {
            entries.append(try RedisStreamEntry(decoding: element))
        }
        return entries
    }
}

extension RedisStreamBatch {
    /// `[[stream, entries], ...]`, or nil when a blocking read timed out with nothing new.
    static func list(decoding reply: RedisReply) throws(UnexpectedRedisReply) -> [RedisStreamBatch] {
        guard !reply.isNull else { return [] }
        var batches: [RedisStreamBatch] = []
        for element in try reply.arrayValue("a list of [stream, entries]") {
            let parts = try element.tupleValue(2, "[stream, entries]")
            batches.append(
                RedisStreamBatch(
                    stream: try parts[0].stringValue("a stream name"),
                    entries: try RedisStreamEntry.list(decoding: parts[1])))
        }
        return batches
    }
}

extension RedisPendingSummary {
    /// `[count, smallest id, largest id, [[consumer, count], ...]]`, the ids and list nil when
    /// nothing is pending.
    init(decoding reply: RedisReply) throws(UnexpectedRedisReply) {
        let parts = try reply.tupleValue(4, "[count, smallest id, largest id, consumers]")
        var consumers: [Consumer] = []
        if !parts[3].isNull {
            for element in try parts[3].arrayValue("a list of [consumer, count]") {
                let pair = try element.tupleValue(2, "[consumer, count]")
                consumers.append(
                    Consumer(
                        name: try pair[0].stringValue("a consumer name"),
                        pending: try pair[1].intValue("a pending count")))
            }
        }
        self.init(
            count: try parts[0].intValue("a pending count"),
            smallestID: try parts[1].optionalStringValue("the smallest pending id"),
            largestID: try parts[2].optionalStringValue("the largest pending id"),
            consumers: consumers)
    }
}

extension RedisPendingEntry {
    /// `[id, consumer, idle ms, delivery count]`.
    init(decoding reply: RedisReply) throws(UnexpectedRedisReply) {
        let parts = try reply.tupleValue(4, "[id, consumer, idle ms, deliveries]")
        self.init(
            id: try parts[0].stringValue("a pending entry id"),
            consumer: try parts[1].stringValue("a consumer name"),
            idle: .milliseconds(try parts[2].intValue("an idle time")),
            deliveryCount: try parts[3].intValue("a delivery count"))
    }
}

extension RedisAutoClaimResult {
    /// `[next cursor, entries, deleted ids]`.
    init(decoding reply: RedisReply) throws(UnexpectedRedisReply) {
        let parts = try reply.tupleValue(3, "[next cursor, entries, deleted ids]")
        var deletedIDs: [String] = []
        for element in try parts[2].arrayValue("a list of deleted ids") {
            deletedIDs.append(try element.stringValue("a deleted id"))
        }
        self.init(
            nextCursor: try parts[0].stringValue("the next cursor"),
            entries: try RedisStreamEntry.list(decoding: parts[1]),
            deletedIDs: deletedIDs)
    }
}

extension RedisStreamGroupInfo {
    /// `[name, value, ...]` with the keys `name`, `consumers`, `pending`, `last-delivered-id`,
    /// `entries-read` and `lag`.
    init(decoding reply: RedisReply) throws(UnexpectedRedisReply) {
        let fields = try reply.fieldMapValue("a consumer group description")
        func field(_ name: String) throws(UnexpectedRedisReply) -> RedisReply {
            guard let value = fields[name] else {
                throw UnexpectedRedisReply(expected: "a group's \(name)", actual: reply)
            }
            return value
        }
        self.init(
            name: try field("name").stringValue("a group name"),
            consumers: try field("consumers").intValue("a consumer count"),
            pending: try field("pending").intValue("a pending count"),
            lastDeliveredID: try field("last-delivered-id").stringValue("the last delivered id"),
            entriesRead: try fields["entries-read"]?.optionalIntValue("an entries-read count") ?? nil,
            lag: try fields["lag"]?.optionalIntValue("a lag") ?? nil)
    }
}

/// Ids as `XCLAIM ... JUSTID` and similar commands return them.
func streamIDs(decoding reply: RedisReply) throws(UnexpectedRedisReply) -> [String] {
    var ids: [String] = []
    for element in try reply.arrayValue("a list of entry ids") {
        ids.append(try element.stringValue("an entry id"))
    }
    return ids
}
