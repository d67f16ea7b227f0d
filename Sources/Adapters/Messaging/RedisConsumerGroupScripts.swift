import Message

/// The consumer-group steps that must happen at once on the server, as Lua scripts (sent with
/// `EVAL`; Redis caches a script's compiled form by its text). A script stops at the first
/// command that fails, which a `MULTI`/`EXEC` transaction does not: there, an `XACK` queued after
/// a failing `XADD` would still run and lose the message.
enum RedisConsumerGroupScripts {
    /// Claims `id` again for the consumer, counting a delivery, only while that consumer still
    /// holds it, so a retry never takes back an entry another consumer took over.
    ///
    /// KEYS: stream. ARGV: group, consumer, id. Returns nil when the consumer no longer holds the
    /// entry, else `[delivery count, claimed entries]`; no entry is claimed when it was deleted
    /// from the stream (Redis then drops it from the pending list).
    static func redeliver(stream: String, group: String, consumer: String, id: String) -> RedisCommand {
        ["EVAL", redeliverSource, 1, stream, group, consumer, id]
    }

    /// Adds the dead letter's fields to the dead-letter stream, then acknowledges `id`; the ack
    /// never happens without the dead letter.
    ///
    /// KEYS: dead-letter stream, stream. ARGV: group, id, then field names and values.
    static func deadLetter(
        deadLetterStream: String, stream: String, group: String, id: String, fields: [StreamField]
    ) -> RedisCommand {
        var command: RedisCommand = ["EVAL", deadLetterSource, 2, deadLetterStream, stream, group, id]
        for field in fields {
            command.append(field.name)
            command.append(field.value)
        }
        return command
    }

    private static let redeliverSource = """
        local pending = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[3], ARGV[3], 1, ARGV[2])
        if #pending == 0 then return false end
        local claimed = redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[2], 0, ARGV[3])
        return {pending[1][4] + 1, claimed}
        """

    private static let deadLetterSource = """
        redis.call('XADD', KEYS[1], '*', unpack(ARGV, 3))
        return redis.call('XACK', KEYS[2], ARGV[1], ARGV[2])
        """
}
