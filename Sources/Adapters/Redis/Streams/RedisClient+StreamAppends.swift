extension RedisClient {
    /// Adds many entries, to one or several streams, in one round trip. Returns each entry's id
    /// or the error that entry got, in order: one refused entry (e.g. `WRONGTYPE`) does not stop
    /// the others. A connection failure throws (some entries may have been added).
    public func xadd(_ appends: [RedisStreamAppend]) async throws -> [Result<String, RedisError>] {
        let replies = try await pipeline(appends.map(\.command))
        return replies.map { RedisStreamAppend.outcome(of: $0, address: address) }
    }
}
