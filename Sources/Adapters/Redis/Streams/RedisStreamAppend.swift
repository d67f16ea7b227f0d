import Foundation

/// One entry to add to a stream, for the pipelined multi-`XADD`.
public struct RedisStreamAppend: Sendable {
    public var stream: String
    public var fields: [(name: String, value: Data)]
    /// The entry id; `*` lets Redis choose it.
    public var id: String
    public var trim: RedisStreamTrim?

    public init(stream: String, fields: [(name: String, value: Data)], id: String = "*", trim: RedisStreamTrim? = nil) {
        self.stream = stream
        self.fields = fields
        self.id = id
        self.trim = trim
    }

    /// `XADD stream [trim] id name value ...`
    var command: RedisCommand {
        var command: RedisCommand = ["XADD", stream]
        for argument in trim?.arguments ?? [] {
            command.append(argument)
        }
        command.append(id)
        for field in fields {
            command.append(field.name)
            command.append(field.value)
        }
        return command
    }
}
