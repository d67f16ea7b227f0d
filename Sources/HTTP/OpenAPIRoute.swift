import Hummingbird

/// `GET /openapi.yaml`: the API's OpenAPI document, byte for byte as in the repository.
public enum OpenAPIRoute {
    public static func register(on router: Router<some RequestContext>) {
        router.get("/openapi.yaml") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "application/yaml"],
                body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.yaml))
            )
        }
    }
}
