import CHiredis
import Foundation

/// One connection to a Redis server over hiredis. Every call blocks its thread: use it on a
/// `BlockingExecutor` or a thread of its own, never on the cooperative pool or an event loop.
///
/// Not Sendable: the hiredis context is used by its one owner and never escapes. Once
/// `isBroken`, the connection is useless; the owner drops it and connects a new one.
public final class RedisConnection {
    public let address: RedisAddress
    private let context: UnsafeMutablePointer<redisContext>
    /// Set when a reply arrived that could not be decoded: replies may still be unread, so the
    /// connection is out of step with the server even though hiredis saw no error.
    private var isDesynchronized = false

    /// Connects, waiting at most `connectTimeout`; each later reply is awaited at most
    /// `commandTimeout` (nil: forever).
    public init(address: RedisAddress, connectTimeout: Duration, commandTimeout: Duration?) throws(RedisError) {
        guard let context = redisConnectWithTimeout(address.host, Int32(address.port), hiredisTimeout(connectTimeout))
        else {
            throw RedisError(kind: .io, message: "hiredis could not allocate a context", command: nil, address: address)
        }
        if context.pointee.err == 0 {
            redisSetTimeout(context, hiredisTimeout(commandTimeout))
        }
        if context.pointee.err != 0 {
            let error = RedisError(failedContext: context, command: nil, address: address)
            redisFree(context)
            throw error
        }
        self.address = address
        self.context = context
    }

    deinit {
        redisFree(context)
    }

    /// True once the connection has failed; every later call would fail too.
    public var isBroken: Bool {
        context.pointee.err != 0 || isDesynchronized
    }

    /// True when the server has closed (or reset) this idle connection, for instance because it
    /// restarted. Checked before a command is sent, so that a stale connection is replaced
    /// without sending anything on it.
    public var isClosedByPeer: Bool {
        var descriptor = pollfd(fd: context.pointee.fd, events: Int16(POLLIN), revents: 0)
        // An idle connection has nothing to read: readable means end of file or an error.
        return poll(&descriptor, 1, 0) != 0
    }

    /// The socket, so that its owner can interrupt a blocked read with `shutdown(2)` from
    /// another thread. Never close it: the connection does that when it is freed.
    var socket: Int32 { context.pointee.fd }

    /// Changes how long a reply is awaited (nil: forever), e.g. for blocking reads.
    public func setCommandTimeout(_ timeout: Duration?) throws(RedisError) {
        guard redisSetTimeout(context, hiredisTimeout(timeout)) == REDIS_OK else {
            throw failure(command: nil)
        }
    }

    /// Sends one command and waits for its reply. An error reply throws a `.server` error; the
    /// connection stays usable then.
    @discardableResult
    public func send(_ command: RedisCommand) throws(RedisError) -> RedisReply {
        let reply = command.withArgumentVector { count, arguments, lengths in
            redisCommandArgv(context, count, arguments, lengths)
        }
        guard let reply else { throw failure(command: command.name) }
        let decoded = try decode(reply, command: command)
        if case .error(let serverError) = decoded {
            throw RedisError(
                kind: .server(serverError), message: serverError.message, command: command.name, address: address)
        }
        return decoded
    }

    /// Sends all commands at once, then reads all replies: one round trip. Replies come back in
    /// the order of the commands; an error reply is an `.error` element and the others still
    /// answer. A connection failure throws and leaves the connection broken.
    public func pipeline(_ commands: [RedisCommand]) throws(RedisError) -> [RedisReply] {
        for command in commands {
            let appended = command.withArgumentVector { count, arguments, lengths in
                redisAppendCommandArgv(context, count, arguments, lengths)
            }
            guard appended == REDIS_OK else { throw failure(command: command.name) }
        }
        var replies: [RedisReply] = []
        replies.reserveCapacity(commands.count)
        for command in commands {
            var reply: UnsafeMutableRawPointer?
            guard redisGetReply(context, &reply) == REDIS_OK, let reply else {
                throw failure(command: command.name)
            }
            replies.append(try decode(reply, command: command))
        }
        return replies
    }

    private func decode(_ reply: UnsafeMutableRawPointer, command: RedisCommand) throws(RedisError) -> RedisReply {
        do {
            return try RedisReply.consuming(reply)
        } catch {
            isDesynchronized = true
            throw RedisError(
                kind: .protocolViolation, message: "unsupported reply type \(error.type)",
                command: command.name, address: address)
        }
    }

    private func failure(command: String?) -> RedisError {
        RedisError(failedContext: context, command: command, address: address)
    }
}

/// The hiredis context must stay with one owner on one thread at a time.
@available(*, unavailable)
extension RedisConnection: Sendable {}

/// A `Duration` as hiredis takes it; for a command timeout, nil (and zero) mean none.
private func hiredisTimeout(_ duration: Duration?) -> timeval {
    guard let duration, duration > .zero else { return timeval(tv_sec: 0, tv_usec: 0) }
    let (seconds, attoseconds) = duration.components
    return timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
}
