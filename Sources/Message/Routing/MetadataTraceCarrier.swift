import Instrumentation

/// Reads and writes W3C trace context (`traceparent`, `tracestate`) in message metadata, so a
/// handler's span continues the trace of the request that published the message.
public struct MetadataTraceCarrier: Extractor, Injector {
    public typealias Carrier = [String: String]

    public init() {}

    public func extract(key: String, from carrier: [String: String]) -> String? {
        carrier[key]
    }

    public func inject(_ value: String, forKey key: String, into carrier: inout [String: String]) {
        carrier[key] = value
    }
}
