import CCurl

/// The request's header fields as the `curl_slist` libcurl sends, freed with this value.
final class CurlHeaderList {
    private(set) var list: UnsafeMutablePointer<curl_slist>?

    init(_ request: HTTPClientRequest) throws {
        var lines = try request.headers.fields.map { try Self.line(for: $0, of: request) }
        // libcurl would add `Expect: 100-continue` to larger bodies and then wait for an
        // interim answer many servers never send; a body without a declared type would go
        // out as a form. An empty value removes a header libcurl adds on its own.
        if !request.headers.contains("Expect") { lines.append("Expect:") }
        if request.body != nil, !request.headers.contains("Content-Type") { lines.append("Content-Type:") }
        for line in lines {
            guard let appended = curl_slist_append(list, line) else {
                throw HTTPClientError(
                    kind: .transport, method: request.method, url: request.url,
                    message: "libcurl could not allocate the header list"
                )
            }
            list = appended
        }
    }

    deinit {
        curl_slist_free_all(list)
    }

    private static func line(for field: HTTPClientHeaders.Field, of request: HTTPClientRequest) throws -> String {
        // Checked per scalar: Swift reads "\r\n" as one Character.
        let forbiddenScalars: Set<Unicode.Scalar> = ["\r", "\n", "\0"]
        guard !field.name.isEmpty,
              !field.name.unicodeScalars.contains(where: { forbiddenScalars.contains($0) || $0 == ":" || $0.properties.isWhitespace }),
              !field.value.unicodeScalars.contains(where: { forbiddenScalars.contains($0) })
        else {
            throw HTTPClientError(
                kind: .invalidRequest, method: request.method, url: request.url,
                message: "header field \(field.name.debugDescription) is not a valid HTTP field"
            )
        }
        // libcurl reads "Name:" as "remove this header"; "Name;" sends it with an empty value.
        return field.value.isEmpty ? "\(field.name);" : "\(field.name): \(field.value)"
    }
}
