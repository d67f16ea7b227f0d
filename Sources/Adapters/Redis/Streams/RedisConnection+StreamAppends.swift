extension RedisConnection {
    /// Adds many entries, to one or several streams, in one round trip, blocking the thread.
    /// Returns each entry's id or the error that entry got, in order: one refused entry (e.g.
    /// `WRONGTYPE`) does not stop the others. A connection failure throws (some entries may
    /// have been added) and leaves the connection broken.
    public func xadd(_ appends: [RedisStreamAppend]) throws(RedisError) -> [Result<String, RedisError>] {
        try pipeline(appends.map(\.command)).map { RedisStreamAppend.outcome(of: $0, address: address) }
    }
}

extension RedisStreamAppend {
    /// What the server answered to one `XADD`: the new entry's id, or why it was refused.
    static func outcome(of reply: RedisReply, address: RedisAddress) -> Result<String, RedisError> {
        switch reply {
        case .bulkString:
            .success(reply.string ?? "")
        case .error(let serverError):
            .failure(
                RedisError(kind: .server(serverError), message: serverError.message, command: "XADD", address: address))
        default:
            .failure(
                RedisError(
                    kind: .unexpectedReply,
                    message: UnexpectedRedisReply(expected: "the new entry's id", actual: reply).description,
                    command: "XADD", address: address))
        }
    }
}
