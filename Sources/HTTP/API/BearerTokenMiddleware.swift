import Hummingbird

/// Requires `Authorization: Bearer <token>` when a token is configured; without one, lets every
/// request through (the service warns about that at start). The comparison takes the same time
/// wherever the first difference is, so the token cannot be guessed byte by byte.
struct BearerTokenMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: String?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let token else { return try await next(request, context) }
        let presented = request.headers[.authorization].flatMap { value -> String? in
            let prefix = "Bearer "
            return value.hasPrefix(prefix) ? String(value.dropFirst(prefix.count)) : nil
        }
        guard let presented, Self.constantTimeEquals(Array(presented.utf8), Array(token.utf8)) else {
            throw APIError.unauthorized("a valid bearer token is required")
        }
        return try await next(request, context)
    }

    static func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        // Not the lengths' XOR truncated to a byte: lengths 256 apart would cancel out.
        var difference: UInt8 = a.count == b.count ? 0 : 1
        for index in 0..<max(a.count, b.count) {
            difference |= (index < a.count ? a[index] : 0) ^ (index < b.count ? b[index] : 0)
        }
        return difference == 0
    }
}
