/// Runs Redis commands one at a time: the pooled `RedisClient` or a `RedisBlockingConnection`.
/// The typed stream commands are written once against it.
public protocol RedisCommandSending: Sendable {
    /// The server, for errors raised while decoding replies.
    var address: RedisAddress { get }

    /// Sends one command and returns its reply; an error reply throws a `.server` `RedisError`.
    @discardableResult
    func send(_ command: RedisCommand) async throws -> RedisReply
}

extension RedisCommandSending {
    /// Sends a command and shapes its reply with `decode`; a reply of the wrong shape throws an
    /// `.unexpectedReply` error naming the command.
    func send<Value>(
        _ command: RedisCommand, decoding decode: (RedisReply) throws(UnexpectedRedisReply) -> Value
    ) async throws -> Value {
        let reply = try await send(command)
        do {
            return try decode(reply)
        } catch {
            throw RedisError(
                kind: .unexpectedReply, message: error.description, command: command.name, address: address)
        }
    }
}

/// A reply whose shape does not match what the command returns.
struct UnexpectedRedisReply: Error, CustomStringConvertible {
    let expected: String
    let actual: RedisReply

    var description: String { "expected \(expected), got \(actual.kindDescription)" }
}
