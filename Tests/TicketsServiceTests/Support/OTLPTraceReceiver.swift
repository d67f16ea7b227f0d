import Foundation
import Hummingbird
import Logging
import Synchronization
import TestSupport

/// A minimal OTLP/HTTP collector for the tests: accepts `POST /v1/traces` with a protobuf
/// `ExportTraceServiceRequest` and keeps the spans it carried. Bodies it cannot read are
/// answered 400 and counted, so a test can tell a wire problem from missing spans.
final class OTLPTraceReceiver: Sendable {
    let endpoint: String
    private let received = Store<ReceivedSpan>()
    private let rejected = Store<String>()

    /// What the route handler appends to, from any thread.
    private final class Store<Element: Sendable>: Sendable {
        private let elements = Mutex<[Element]>([])

        func append(_ new: [Element]) { elements.withLock { $0 += new } }
        var all: [Element] { elements.withLock { $0 } }
    }

    init() throws {
        let port = try FreePort.next()
        endpoint = "http://127.0.0.1:\(port)"
        let router = Router()
        router.post("/v1/traces") { [received, rejected] request, _ -> Response in
            let body = try await request.body.collect(upTo: 64 * 1024 * 1024)
            do {
                guard request.headers[.contentEncoding] == nil else {
                    throw ProtobufFields.Malformed()
                }
                let spans = try ReceivedSpan.decode(exportRequest: Data(body.readableBytesView))
                received.append(spans)
                return Response(status: .ok, headers: [.contentType: "application/x-protobuf"])
            } catch {
                rejected.append(["\(request.headers[.contentType] ?? "?") \(body.readableBytes) bytes"])
                return Response(status: .badRequest)
            }
        }
        var logger = Logger(label: "otlp-receiver")
        logger.logLevel = .warning
        let application = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)), logger: logger)
        Task { try await application.run() }
    }

    /// Every span received so far.
    var spans: [ReceivedSpan] { received.all }

    /// Descriptions of the export requests that could not be read.
    var rejectedRequests: [String] { rejected.all }
}
