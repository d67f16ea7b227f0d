import Instrumentation

/// Writes W3C trace context (`traceparent`, `tracestate`) into request headers, so the called
/// service continues the caller's trace.
struct HTTPClientHeadersTraceInjector: Injector {
    func inject(_ value: String, forKey key: String, into headers: inout HTTPClientHeaders) {
        headers.add(name: key, value: value)
    }
}
