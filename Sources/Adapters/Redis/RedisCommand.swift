/// One Redis command, its arguments already encoded. Written as an array literal:
/// `["XADD", stream, "*", "payload", data]`.
///
/// The arguments' bytes are laid out in one buffer, so handing hiredis an argument vector
/// needs no further copy.
public struct RedisCommand: Sendable, ExpressibleByArrayLiteral {
    /// Every argument's bytes back to back, followed by one spare byte so that the buffer is
    /// never empty and always has an address, even when all arguments are empty.
    private var bytes: [UInt8] = [0]
    /// Where each argument ends in `bytes`.
    private var argumentEnds: [Int] = []

    public init(_ arguments: [any RedisArgument]) {
        precondition(!arguments.isEmpty, "a Redis command needs at least its name")
        for argument in arguments {
            append(argument)
        }
    }

    public init(arrayLiteral arguments: any RedisArgument...) {
        self.init(arguments)
    }

    /// Adds one more argument at the end.
    public mutating func append(_ argument: some RedisArgument) {
        bytes.removeLast()
        argument.appendRedisBytes(to: &bytes)
        argumentEnds.append(bytes.count)
        bytes.append(0)
    }

    /// The command's name (its first argument, upper-cased), the only part of a command that
    /// errors carry: arguments may be large or private.
    public var name: String {
        let nameBytes = bytes[..<argumentEnds[0]].prefix(32)
        return String(decoding: nameBytes, as: UTF8.self).uppercased()
    }

    /// The number of arguments, the name included.
    public var argumentCount: Int { argumentEnds.count }

    /// Calls `body` with the vectors that `redisCommandArgv` and `redisAppendCommandArgv` take:
    /// the count, a pointer to each argument and each argument's length.
    func withArgumentVector<Result, Failure: Error>(
        _ body: (Int32, UnsafeMutablePointer<UnsafePointer<CChar>?>, UnsafePointer<Int>) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        var lengths: [Int] = []
        lengths.reserveCapacity(argumentEnds.count)
        var start = 0
        for end in argumentEnds {
            lengths.append(end - start)
            start = end
        }
        let result: Swift.Result<Result, Failure> = bytes.withUnsafeBytes { buffer in
            // The spare byte guarantees a base address.
            let base = buffer.baseAddress!.assumingMemoryBound(to: CChar.self)
            var pointers: [UnsafePointer<CChar>?] = []
            pointers.reserveCapacity(argumentEnds.count)
            var offset = 0
            for length in lengths {
                pointers.append(base + offset)
                offset += length
            }
            return pointers.withUnsafeMutableBufferPointer { argv in
                lengths.withUnsafeBufferPointer { argvlen in
                    Swift.Result { () throws(Failure) -> Result in
                        try body(Int32(argv.count), argv.baseAddress!, argvlen.baseAddress!)
                    }
                }
            }
        }
        return try result.get()
    }
}
