extension RedisClient {
    /// Adds many entries, to one or several streams, in one round trip. Returns each entry's id
    /// or the error that entry got, in order: one refused entry (e.g. `WRONGTYPE`) does not stop
    /// the others. A connection failure throws (some entries may have been added).
    public func xadd(_ appends: [RedisStreamAppend]) async throws -> [Result<String, RedisError>] {
        let replies = try await pipeline(appends.map(\.command))
        return replies.map { reply in
            switch reply {
            case .bulkString:
                .success(reply.string ?? "")
            case .error(let serverError):
                .failure(
                    RedisError(
                        kind: .server(serverError), message: serverError.message, command: "XADD", address: address))
            default:
                .failure(
                    RedisError(
                        kind: .unexpectedReply,
                        message: UnexpectedRedisReply(expected: "the new entry's id", actual: reply).description,
                        command: "XADD", address: address))
            }
        }
    }
}
