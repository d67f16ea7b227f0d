import CHiredis
import Foundation

extension RedisError {
    /// The error a hiredis context records once it has failed (`ctx->err`).
    init(failedContext context: UnsafePointer<redisContext>, command: String?, address: RedisAddress) {
        let message = withUnsafeBytes(of: context.pointee.errstr) { bytes in
            String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        }
        let kind: Kind =
            switch context.pointee.err {
            case REDIS_ERR_PROTOCOL: .protocolViolation
            case REDIS_ERR_IO: Self.kind(ofSystemError: message)
            default: .io
            }
        self.init(kind: kind, message: message, command: command, address: address)
    }

    /// hiredis records an I/O failure as `strerror(errno)` at the point of failure (sometimes
    /// after a prefix), so the text tells which system error it was.
    private static func kind(ofSystemError message: String) -> Kind {
        func matches(_ code: Int32) -> Bool { message.hasSuffix(String(cString: strerror(code))) }
        if matches(ECONNREFUSED) { return .connectionRefused }
        // A receive timeout (SO_RCVTIMEO) ends the read with EAGAIN; a connect timeout is ETIMEDOUT.
        if matches(EAGAIN) || matches(EWOULDBLOCK) || matches(ETIMEDOUT) { return .timeout }
        return .io
    }
}
