import Foundation

/// Collects what libcurl's write and header callbacks deliver during one transfer. Lives on the
/// transfer's thread only.
final class CurlResponseReceiver {
    private(set) var body = Data()
    private(set) var headers = HTTPClientHeaders()

    func receiveBody(_ bytes: UnsafeRawBufferPointer) {
        body.append(contentsOf: bytes)
    }

    /// One raw header line as libcurl delivers it, line break included.
    func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        let line = String(decoding: bytes, as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            // A new status line starts a new header block (after a 1xx answer, for instance):
            // only the final response's fields count.
            headers = HTTPClientHeaders()
            return
        }
        let trimmed = line.trimmingCharacters(in: .newlines)
        guard !trimmed.isEmpty, let colon = trimmed.firstIndex(of: ":") else { return }
        let name = String(trimmed[..<colon]).trimmingCharacters(in: .whitespaces)
        let value = String(trimmed[trimmed.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        headers.add(name: name, value: value)
    }
}
