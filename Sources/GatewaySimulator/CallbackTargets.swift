import Synchronization

/// The `tickets-status` URLs of the service's instances, handed out in turn so that callbacks
/// spread over the instances; each booking's list starts at the next instance and goes on with
/// the others, which its retries use when one is down.
final class CallbackTargets: Sendable {
    private let urls: [String]
    private let counter = Mutex(0)

    /// - Parameter baseURLs: the instances' base URLs (at least one).
    init(baseURLs: [String]) {
        precondition(!baseURLs.isEmpty, "the simulator needs at least one tickets service URL")
        urls = baseURLs.map { $0.trimmingSuffix("/") + "/tickets-status" }
    }

    /// Every URL, starting with the next one in turn.
    func next() -> [String] {
        let start = counter.withLock { count in
            defer { count += 1 }
            return count % urls.count
        }
        return Array(urls[start...] + urls[..<start])
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
