import CCurl

/// libcurl's process-wide setup. `curl_global_init` must run once before any other call and is
/// not thread-safe itself; a static `let` runs it exactly once, on first use, under Swift's
/// one-time initialisation lock.
enum CurlGlobal {
    static let initialization: CURLcode = tickets_curl_global_init_default()
}
