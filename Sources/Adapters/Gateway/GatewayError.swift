import Foundation

/// A gateway call that did not succeed: which API and call, and why.
public struct GatewayError: Error, Sendable, CustomStringConvertible {
    public enum Reason: Sendable {
        /// The gateway answered a status the call does not accept.
        case unexpectedStatus(Int)
        /// The gateway answered a success status with a body the call cannot read.
        case undecodableResponse(status: Int, detail: String)
        /// No answer: refused, timed out, unresolvable host, broken transfer.
        case transport(HTTPClientError)
    }

    public var api: GatewayAPI
    public var method: HTTPClientRequest.Method
    public var url: String
    public var reason: Reason
    /// The start of the answer's body, when there was an answer.
    public var bodyExcerpt: String?

    /// The status the gateway answered, if it answered.
    public var status: Int? {
        switch reason {
        case .unexpectedStatus(let status), .undecodableResponse(let status, _): status
        case .transport: nil
        }
    }

    /// True when the call ran out of time (connect or total timeout).
    public var isTimeout: Bool {
        if case .transport(let error) = reason { return error.kind == .timeout }
        return false
    }

    public var description: String {
        let call = "\(api) gateway \(method) \(url)"
        let excerpt = bodyExcerpt.map { ": \($0)" } ?? ""
        switch reason {
        case .unexpectedStatus(let status):
            return "\(call) answered \(status)\(excerpt)"
        case .undecodableResponse(let status, let detail):
            return "\(call) answered \(status) with an unreadable body (\(detail))\(excerpt)"
        case .transport(let error):
            return "\(call) failed: \(error.kind.rawValue): \(error.message)"
        }
    }

    /// At most `limit` characters of `body`, on one line.
    static func excerpt(of body: Data, limit: Int = 200) -> String {
        let text = String(decoding: body.prefix(limit * 4), as: UTF8.self)
        let oneLine = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return oneLine.count > limit ? String(oneLine.prefix(limit)) + "…" : oneLine
    }
}
