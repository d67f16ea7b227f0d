import Tracing

extension Span {
    /// Marks the span failed with `error`.
    func failed(_ error: any Error) {
        recordError(error)
        setStatus(SpanStatus(code: .error))
    }
}
