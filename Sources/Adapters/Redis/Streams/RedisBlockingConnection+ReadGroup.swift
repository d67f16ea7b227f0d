extension RedisBlockingConnection {
    /// Reads for `consumer` of `group`, waiting up to `block` for new entries when there are none
    /// (an empty result then). Entries deleted while pending come back with `fields == nil`.
    public func xreadgroup(
        group: String, consumer: String, streams: [(stream: String, id: String)], count: Int? = nil, block: Duration
    ) async throws -> [RedisStreamBatch] {
        // BLOCK 0 would wait forever; a positive period lets the caller look up regularly.
        precondition(block.redisMilliseconds > 0, "a blocking read needs a block period of at least 1 ms")
        let command = RedisCommand.readGroup(
            group: group, consumer: consumer, streams: streams, count: count, block: block)
        let reply = try await send(command, blockingFor: block)
        do {
            return try RedisStreamBatch.list(decoding: reply)
        } catch {
            throw RedisError(
                kind: .unexpectedReply, message: error.description, command: command.name, address: address)
        }
    }
}
