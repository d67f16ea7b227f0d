import Foundation

/// Just enough of the protobuf wire format to read the spans of an OTLP
/// `ExportTraceServiceRequest` (opentelemetry-proto, trace/v1): fields are read by number and
/// wire type, everything else is skipped.
struct ProtobufFields {
    enum Value {
        case varint(UInt64)
        case bytes(Data)
        case fixed
    }

    struct Malformed: Error {}

    let fields: [(number: Int, value: Value)]

    init(_ data: Data) throws {
        let bytes = [UInt8](data)
        var index = 0
        func varint() throws -> UInt64 {
            var result: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                guard index < bytes.count, shift < 64 else { throw Malformed() }
                let byte = bytes[index]
                index += 1
                result |= UInt64(byte & 0x7f) << shift
                if byte & 0x80 == 0 { return result }
                shift += 7
            }
        }
        var fields: [(Int, Value)] = []
        while index < bytes.count {
            let key = try varint()
            let number = Int(key >> 3)
            switch key & 7 {
            case 0: fields.append((number, .varint(try varint())))
            case 1, 5:
                index += key & 7 == 1 ? 8 : 4
                guard index <= bytes.count else { throw Malformed() }
                fields.append((number, .fixed))
            case 2:
                let length = Int(try varint())
                guard length >= 0, index + length <= bytes.count else { throw Malformed() }
                fields.append((number, .bytes(Data(bytes[index..<index + length]))))
                index += length
            default: throw Malformed()
            }
        }
        self.fields = fields
    }

    /// Every length-delimited value of field `number` (embedded messages, strings, bytes).
    func all(_ number: Int) -> [Data] {
        fields.compactMap { field in
            guard field.number == number, case .bytes(let data) = field.value else { return nil }
            return data
        }
    }

    func first(_ number: Int) -> Data? { all(number).first }

    /// The last varint value of field `number` (the one that counts, as in protobuf).
    func varint(_ number: Int) -> UInt64? {
        fields.reversed().lazy.compactMap { field -> UInt64? in
            guard field.number == number, case .varint(let value) = field.value else { return nil }
            return value
        }.first
    }

    func string(_ number: Int) -> String { first(number).map { String(decoding: $0, as: UTF8.self) } ?? "" }

    func hex(_ number: Int) -> String { first(number).map { $0.map { String(format: "%02x", $0) }.joined() } ?? "" }
}

/// One exported span, as the tests need it.
struct ReceivedSpan: Sendable, Equatable {
    struct Link: Sendable, Equatable {
        var traceID: String
        var spanID: String
    }

    var serviceName: String
    var traceID: String
    var spanID: String
    /// Empty for a root span.
    var parentSpanID: String
    var name: String
    var links: [Link]
    var stringAttributes: [String: String]
    /// `Status.code`: 0 unset, 1 ok, 2 error.
    var statusCode: UInt64

    /// The spans of an `ExportTraceServiceRequest` body.
    static func decode(exportRequest body: Data) throws -> [ReceivedSpan] {
        var spans: [ReceivedSpan] = []
        for resourceSpans in try ProtobufFields(body).all(1).map(ProtobufFields.init) {
            let resource = try resourceSpans.first(1).map(ProtobufFields.init)
            let serviceName = try attributes(resource?.all(1) ?? [])["service.name"] ?? ""
            for scopeSpans in try resourceSpans.all(2).map(ProtobufFields.init) {
                for span in try scopeSpans.all(2).map(ProtobufFields.init) {
                    spans.append(ReceivedSpan(
                        serviceName: serviceName,
                        traceID: span.hex(1),
                        spanID: span.hex(2),
                        parentSpanID: span.hex(4),
                        name: span.string(5),
                        links: try span.all(13).map(ProtobufFields.init).map { Link(traceID: $0.hex(1), spanID: $0.hex(2)) },
                        stringAttributes: try attributes(span.all(9)),
                        statusCode: try span.first(15).map(ProtobufFields.init)?.varint(3) ?? 0
                    ))
                }
            }
        }
        return spans
    }

    /// `KeyValue`s whose value is a string (`AnyValue.string_value`, field 1).
    private static func attributes(_ keyValues: [Data]) throws -> [String: String] {
        var result: [String: String] = [:]
        for keyValue in try keyValues.map(ProtobufFields.init) {
            guard let value = try keyValue.first(2).map(ProtobufFields.init), value.first(1) != nil else { continue }
            result[keyValue.string(1)] = value.string(1)
        }
        return result
    }
}
