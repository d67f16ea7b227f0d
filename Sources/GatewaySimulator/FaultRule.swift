/// A fault injected into one API at run time (`PUT /_sim/faults/{api}`).
///
/// Each call to the API is hit with probability `fraction`. A hit call first waits `latency_ms`
/// (and is then handled normally, so its effect happens even if the caller gave up), or is held
/// `hang_ms` without being handled and then answered 504, or is answered `status` without being
/// handled. After `times` hits the fault removes itself.
struct FaultRule: ValidatedBody, Encodable, Sendable {
    var status: Int?
    var fraction: Double
    var latencyMilliseconds: Int?
    var hangMilliseconds: Int?
    /// Hits left; nil means unlimited.
    var times: Int?

    enum CodingKeys: String, CodingKey {
        case status, fraction, times
        case latencyMilliseconds = "latency_ms"
        case hangMilliseconds = "hang_ms"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        status = try container.decodeIfPresent(Int.self, forKey: .status)
        fraction = try container.decodeIfPresent(Double.self, forKey: .fraction) ?? 1
        latencyMilliseconds = try container.decodeIfPresent(Int.self, forKey: .latencyMilliseconds)
        hangMilliseconds = try container.decodeIfPresent(Int.self, forKey: .hangMilliseconds)
        times = try container.decodeIfPresent(Int.self, forKey: .times)
    }

    func validate() throws {
        guard status != nil || latencyMilliseconds != nil || hangMilliseconds != nil else {
            throw SimulatorError.badRequest("a fault needs status, latency_ms or hang_ms")
        }
        if let status, !(100...599).contains(status) {
            throw SimulatorError.badRequest("field status must be an HTTP status (100-599)")
        }
        if status != nil, hangMilliseconds != nil {
            throw SimulatorError.badRequest("a fault either answers status or hangs, not both")
        }
        guard (0...1).contains(fraction) else {
            throw SimulatorError.badRequest("field fraction must be between 0 and 1")
        }
        guard latencyMilliseconds.map({ $0 >= 0 }) ?? true, hangMilliseconds.map({ $0 >= 0 }) ?? true else {
            throw SimulatorError.badRequest("latency_ms and hang_ms must not be negative")
        }
        guard times.map({ $0 > 0 }) ?? true else {
            throw SimulatorError.badRequest("field times must be positive")
        }
    }
}

/// What a fault does to one call.
struct FaultHit: Sendable {
    enum Action: Sendable {
        /// Handle the call normally (after the latency).
        case proceed
        /// Answer this status without handling the call.
        case respond(Int)
        /// Hold the call this many milliseconds without handling it, then answer 504.
        case hang(milliseconds: Int)
    }

    var latencyMilliseconds: Int?
    var action: Action

    init(_ rule: FaultRule) {
        latencyMilliseconds = rule.latencyMilliseconds
        if let status = rule.status {
            action = .respond(status)
        } else if let hang = rule.hangMilliseconds {
            action = .hang(milliseconds: hang)
        } else {
            action = .proceed
        }
    }

    /// How the journal names what the fault did, e.g. "latency 300ms, status 503".
    var summary: String {
        let effect: String? = switch action {
        case .proceed: nil
        case .respond(let status): "status \(status)"
        case .hang(let milliseconds): "hang \(milliseconds)ms"
        }
        return [latencyMilliseconds.map { "latency \($0)ms" }, effect].compactMap { $0 }.joined(separator: ", ")
    }
}
