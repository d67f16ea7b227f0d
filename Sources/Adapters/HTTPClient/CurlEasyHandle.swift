import CCurl
import Foundation

/// One libcurl easy handle and the connections it keeps alive.
///
/// `@unchecked Sendable`: libcurl allows a handle on any thread but on one thread at a time.
/// `CurlHandlePool` lends each handle to exactly one transfer and takes it back when the
/// transfer is over, so no two threads ever touch it at once.
final class CurlEasyHandle: @unchecked Sendable {
    private let handle: UnsafeMutableRawPointer
    /// libcurl writes its detailed message for a failed transfer here.
    private let errorBuffer: UnsafeMutablePointer<CChar>

    init?() {
        guard let handle = curl_easy_init() else { return nil }
        self.handle = handle
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    deinit {
        curl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    /// Runs one transfer to completion on the calling thread. Blocks: call it only from a
    /// `BlockingExecutor`.
    func perform(
        _ request: HTTPClientRequest,
        timeouts: HTTPClientTimeouts,
        userAgent: String,
        cancellation: CurlCancellation
    ) throws -> HTTPClientResponse {
        // Options must not outlive this transfer (they point at its buffers); a reset keeps
        // the open connections.
        defer { curl_easy_reset(handle) }
        errorBuffer[0] = 0

        let headerList = try CurlHeaderList(request)
        let receiver = CurlResponseReceiver()
        let code = try withExtendedLifetime((headerList, receiver, cancellation)) {
            try configure(
                request, timeouts: timeouts, userAgent: userAgent,
                headerList: headerList, receiver: receiver, cancellation: cancellation
            )
            return try withRequestBody(request) { curl_easy_perform(handle) }
        }
        guard code == CURLE_OK else {
            if code == CURLE_ABORTED_BY_CALLBACK, cancellation.isCancelled { throw CancellationError() }
            throw transferError(code, request)
        }
        var status = 0
        try check(tickets_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status), request)
        return HTTPClientResponse(status: status, headers: receiver.headers, body: receiver.body)
    }

    private func configure(
        _ request: HTTPClientRequest,
        timeouts: HTTPClientTimeouts,
        userAgent: String,
        headerList: CurlHeaderList,
        receiver: CurlResponseReceiver,
        cancellation: CurlCancellation
    ) throws {
        // libcurl's default DNS timeouts use signals, which are process-wide and unsafe with threads.
        try check(tickets_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1), request)
        try check(tickets_curl_setopt_string(handle, CURLOPT_URL, request.url), request)
        try check(tickets_curl_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https"), request)
        try check(tickets_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, timeouts.connect.curlMilliseconds), request)
        try check(tickets_curl_setopt_long(handle, CURLOPT_TIMEOUT_MS, timeouts.total.curlMilliseconds), request)
        try check(tickets_curl_setopt_long(handle, CURLOPT_TCP_KEEPALIVE, 1), request)
        try check(tickets_curl_setopt_string(handle, CURLOPT_USERAGENT, userAgent), request)
        try check(tickets_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer), request)
        try check(tickets_curl_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList.list), request)
        try configureMethod(request)

        let receiverPointer = Unmanaged.passUnretained(receiver).toOpaque()
        try check(tickets_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, receiverPointer), request)
        try check(
            tickets_curl_setopt_data_callback(handle, CURLOPT_WRITEFUNCTION) { data, size, count, userdata in
                guard let data, let userdata else { return 0 }
                let receiver = Unmanaged<CurlResponseReceiver>.fromOpaque(userdata).takeUnretainedValue()
                receiver.receiveBody(UnsafeRawBufferPointer(start: data, count: size * count))
                return size * count
            }, request)
        try check(tickets_curl_setopt_pointer(handle, CURLOPT_HEADERDATA, receiverPointer), request)
        try check(
            tickets_curl_setopt_data_callback(handle, CURLOPT_HEADERFUNCTION) { data, size, count, userdata in
                guard let data, let userdata else { return 0 }
                let receiver = Unmanaged<CurlResponseReceiver>.fromOpaque(userdata).takeUnretainedValue()
                receiver.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: size * count))
                return size * count
            }, request)

        // The progress callback is how a cancelled task stops a transfer in flight.
        try check(tickets_curl_setopt_long(handle, CURLOPT_NOPROGRESS, 0), request)
        try check(tickets_curl_setopt_pointer(handle, CURLOPT_XFERINFODATA, Unmanaged.passUnretained(cancellation).toOpaque()), request)
        try check(
            tickets_curl_setopt_xferinfo_callback(handle, CURLOPT_XFERINFOFUNCTION) { userdata, _, _, _, _ in
                guard let userdata else { return 0 }
                return Unmanaged<CurlCancellation>.fromOpaque(userdata).takeUnretainedValue().isCancelled ? 1 : 0
            }, request)
    }

    private func configureMethod(_ request: HTTPClientRequest) throws {
        switch request.method {
        case .get where request.body == nil:
            try check(tickets_curl_setopt_long(handle, CURLOPT_HTTPGET, 1), request)
        case .head:
            // HEAD answers have no body; only CURLOPT_NOBODY tells libcurl not to wait for one.
            try check(tickets_curl_setopt_long(handle, CURLOPT_NOBODY, 1), request)
        case .post:
            break  // set with the body, see withRequestBody
        default:
            try check(tickets_curl_setopt_string(handle, CURLOPT_CUSTOMREQUEST, request.method.rawValue), request)
        }
    }

    /// Hands the request body (if the method carries one) to libcurl for the duration of
    /// `transfer`; libcurl reads it in place, without a copy.
    private func withRequestBody(_ request: HTTPClientRequest, _ transfer: () -> CURLcode) throws -> CURLcode {
        let methodsWithBody: Set<HTTPClientRequest.Method> = [.post, .put, .patch]
        guard let body = request.body ?? (methodsWithBody.contains(request.method) ? Data() : nil) else {
            return transfer()
        }
        // An empty body still needs a valid pointer: a null one makes libcurl read from stdin.
        var emptyBody: UInt8 = 0
        return try withUnsafeMutablePointer(to: &emptyBody) { emptyPointer in
            try body.withUnsafeBytes { bytes in
                try check(tickets_curl_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(bytes.count)), request)
                let pointer = UnsafeMutableRawPointer(mutating: bytes.baseAddress) ?? UnsafeMutableRawPointer(emptyPointer)
                try check(tickets_curl_setopt_pointer(handle, CURLOPT_POSTFIELDS, pointer), request)
                return transfer()
            }
        }
    }

    private func check(_ code: CURLcode, _ request: HTTPClientRequest) throws {
        guard code == CURLE_OK else { throw transferError(code, request) }
    }

    private func transferError(_ code: CURLcode, _ request: HTTPClientRequest) -> HTTPClientError {
        let detail = String(cString: errorBuffer)
        let message = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
        return HTTPClientError(
            kind: kind(of: code), method: request.method, url: request.url,
            curlCode: Int(code.rawValue), message: message
        )
    }

    private func kind(of code: CURLcode) -> HTTPClientError.Kind {
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return .dnsFailure
        case CURLE_OPERATION_TIMEDOUT:
            return .timeout
        case CURLE_COULDNT_CONNECT:
            var osError = 0
            _ = tickets_curl_getinfo_long(handle, CURLINFO_OS_ERRNO, &osError)
            return osError == Int(ECONNREFUSED) ? .connectionRefused : .transport
        default:
            return .transport
        }
    }
}
