import Adapters
import Foundation
import Testing

@Suite struct CurlHTTPClientTests {
    private static func makeClient(
        maxConcurrentRequests: Int = 2,
        timeouts: HTTPClientTimeouts = HTTPClientTimeouts(connect: .seconds(2), total: .seconds(5))
    ) throws -> CurlHTTPClient {
        try CurlHTTPClient(configuration: .init(maxConcurrentRequests: maxConcurrentRequests, timeouts: timeouts))
    }

    /// Runs `body` with a fresh client and a live test server, and shuts the client down after.
    private static func withClientAndServer(
        maxConcurrentRequests: Int = 2,
        timeouts: HTTPClientTimeouts = HTTPClientTimeouts(connect: .seconds(2), total: .seconds(5)),
        _ body: @Sendable @escaping (CurlHTTPClient, String) async throws -> Void
    ) async throws {
        let client = try makeClient(maxConcurrentRequests: maxConcurrentRequests, timeouts: timeouts)
        try await HTTPTestServer.withServer { baseURL in try await body(client, baseURL) }
        try await client.shutdown()
    }

    @Test(arguments: [200, 201, 204, 400, 404, 409, 500, 503])
    func everyStatusIsAResponseWithItsBody(status: Int) async throws {
        try await Self.withClientAndServer { client, baseURL in
            let response = try await client.execute(.init(method: .get, url: "\(baseURL)/status/\(status)"))
            #expect(response.status == status)
            #expect(String(decoding: response.body, as: UTF8.self) == (status == 204 ? "" : "status \(status)"))
        }
    }

    @Test func headersGoOutAndComeBack() async throws {
        try await Self.withClientAndServer { client, baseURL in
            let response = try await client.execute(.init(
                method: .put,
                url: "\(baseURL)/echo",
                headers: ["Correlation-ID": "corr-42", "Content-Type": "application/json", "X-Empty": ""],
                body: Data(#"{"a":1}"#.utf8)
            ))
            #expect(response.status == 200)
            #expect(response.headers["x-echo-method"] == "PUT")
            #expect(response.headers["Content-Type"] == "application/json")
            let echo = try JSONDecoder().decode(HTTPTestServer.Echo.self, from: response.body)
            #expect(echo.method == "PUT")
            #expect(echo.body == #"{"a":1}"#)
            #expect(echo.headers["correlation-id"] == "corr-42")
            #expect(echo.headers["content-type"] == "application/json")
            #expect(echo.headers["x-empty"] == "")
            #expect(echo.headers["user-agent"] == "tickets")
            // libcurl's own additions that servers mishandle are suppressed.
            #expect(echo.headers["expect"] == nil)
        }
    }

    @Test(arguments: [HTTPClientRequest.Method.get, .post, .put, .patch, .delete])
    func eachMethodReachesTheServerAsIs(method: HTTPClientRequest.Method) async throws {
        try await Self.withClientAndServer { client, baseURL in
            let response = try await client.execute(.init(method: method, url: "\(baseURL)/echo"))
            let echo = try JSONDecoder().decode(HTTPTestServer.Echo.self, from: response.body)
            #expect(echo.method == method.rawValue)
            #expect(echo.body == "")
        }
    }

    @Test func headRequestsDoNotWaitForABody() async throws {
        try await Self.withClientAndServer { client, baseURL in
            let response = try await client.execute(.init(method: .head, url: "\(baseURL)/echo"))
            #expect(response.status == 200)
            #expect(response.headers["X-Echo-Method"] == "HEAD")
            #expect(response.body.isEmpty)
        }
    }

    @Test func aBodyWithoutContentTypeIsNotSentAsAForm() async throws {
        try await Self.withClientAndServer { client, baseURL in
            let response = try await client.execute(.init(method: .post, url: "\(baseURL)/echo", body: Data("raw".utf8)))
            let echo = try JSONDecoder().decode(HTTPTestServer.Echo.self, from: response.body)
            #expect(echo.body == "raw")
            #expect(echo.headers["content-type"] == nil)
        }
    }

    @Test func largeBodiesTravelWhole() async throws {
        try await Self.withClientAndServer { client, baseURL in
            let upload = HTTPTestServer.patternBytes(count: 5 * 1024 * 1024 + 17)
            let echoed = try await client.execute(.init(
                method: .post, url: "\(baseURL)/upload",
                headers: ["Content-Type": "application/octet-stream"], body: upload
            ))
            #expect(echoed.status == 200)
            #expect(echoed.body == upload)

            let count = 8 * 1024 * 1024 + 3
            let download = try await client.execute(.init(method: .get, url: "\(baseURL)/bytes/\(count)"))
            #expect(download.body == HTTPTestServer.patternBytes(count: count))
        }
    }

    @Test func sequentialCallsReuseOneConnection() async throws {
        try await Self.withClientAndServer(maxConcurrentRequests: 3) { client, baseURL in
            var peerPorts = Set<String>()
            for _ in 0..<50 {
                let response = try await client.execute(.init(method: .get, url: "\(baseURL)/peer"))
                peerPorts.insert(String(decoding: response.body, as: UTF8.self))
            }
            #expect(peerPorts.count == 1)
        }
    }

    @Test func concurrentCallsBeyondThePoolSizeAllComplete() async throws {
        try await Self.withClientAndServer(maxConcurrentRequests: 2) { client, baseURL in
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<12 {
                    group.addTask {
                        try await client.execute(.init(method: .get, url: "\(baseURL)/status/\(200 + index % 3)")).status
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.sorted() == [200, 200, 200, 200, 201, 201, 201, 201, 202, 202, 202, 202])
        }
    }

    @Test func aSlowServerHitsTheTotalTimeout() async throws {
        try await Self.withClientAndServer(timeouts: .init(connect: .seconds(2), total: .milliseconds(200))) { client, baseURL in
            let url = "\(baseURL)/sleep/1500"
            let error = await #expect(throws: HTTPClientError.self) {
                try await client.execute(.init(method: .get, url: url))
            }
            #expect(error?.kind == .timeout)
            #expect(error?.method == .get)
            #expect(error?.url == url)
            #expect(error?.curlCode == 28)
        }
    }

    @Test func waitingForABusyTransferThreadCountsAgainstTheTotalTimeout() async throws {
        try await Self.withClientAndServer(maxConcurrentRequests: 1, timeouts: .init(connect: .seconds(2), total: .milliseconds(200))) { client, baseURL in
            async let holder = client.execute(.init(method: .get, url: "\(baseURL)/sleep/1500", timeouts: .init(connect: .seconds(2), total: .seconds(30))))
            // Lets the holder take the only thread first.
            try await Task.sleep(for: .milliseconds(300))
            let url = "\(baseURL)/status/200"
            let error = await #expect(throws: HTTPClientError.self) {
                try await client.execute(.init(method: .get, url: url))
            }
            #expect(error?.kind == .timeout)
            #expect(error?.url == url)
            #expect(error?.message.contains("no transfer thread became free") == true)
            #expect(try await holder.status == 200)
        }
    }

    @Test func aRequestMayExtendTheClientsTimeout() async throws {
        try await Self.withClientAndServer(timeouts: .init(connect: .seconds(2), total: .milliseconds(100))) { client, baseURL in
            let response = try await client.execute(.init(
                method: .get, url: "\(baseURL)/sleep/400",
                timeouts: .init(connect: .seconds(2), total: .seconds(10))
            ))
            #expect(response.status == 200)
        }
    }

    @Test func aRefusedPortIsConnectionRefused() async throws {
        let closedPort = try ClosedPort()
        let client = try Self.makeClient()
        let url = "http://127.0.0.1:\(closedPort.port)/anything"
        let error = await #expect(throws: HTTPClientError.self) {
            try await client.execute(.init(method: .post, url: url, body: Data("x".utf8)))
        }
        #expect(error?.kind == .connectionRefused)
        #expect(error?.method == .post)
        #expect(error?.url == url)
        try await client.shutdown()
    }

    @Test func anUnresolvableHostIsADNSFailure() async throws {
        let client = try Self.makeClient()
        let url = "http://no-such-host.invalid/receipts"
        let error = await #expect(throws: HTTPClientError.self) {
            try await client.execute(.init(method: .get, url: url))
        }
        #expect(error?.kind == .dnsFailure)
        #expect(error?.url == url)
        #expect(error?.description.contains("no-such-host.invalid") == true)
        try await client.shutdown()
    }

    @Test(arguments: ["http://[::1", "ftp://127.0.0.1/file"])
    func anUnusableURLIsATransportErrorWithCurlsReason(url: String) async throws {
        let client = try Self.makeClient()
        let error = await #expect(throws: HTTPClientError.self) {
            try await client.execute(.init(method: .get, url: url))
        }
        #expect(error?.kind == .transport)
        #expect(error?.curlCode != nil)
        #expect(error?.message.isEmpty == false)
        #expect(error?.url == url)
        try await client.shutdown()
    }

    @Test(arguments: [("X-Bad", "line\r\nInjected: yes"), ("Bad Name", "v"), ("", "v"), ("X:Colon", "v")])
    func headerFieldsThatWouldCorruptTheRequestAreRefused(name: String, value: String) async throws {
        let client = try Self.makeClient()
        let error = await #expect(throws: HTTPClientError.self) {
            try await client.execute(.init(method: .get, url: "http://127.0.0.1:1/", headers: HTTPClientHeaders([.init(name: name, value: value)])))
        }
        #expect(error?.kind == .invalidRequest)
        try await client.shutdown()
    }

    @Test func cancellingTheCallerAbortsTheTransfer() async throws {
        try await Self.withClientAndServer(timeouts: .init(connect: .seconds(2), total: .seconds(30))) { client, baseURL in
            let call = Task { try await client.execute(.init(method: .get, url: "\(baseURL)/sleep/1500")) }
            try await Task.sleep(for: .milliseconds(100))
            call.cancel()
            await #expect(throws: CancellationError.self) { try await call.value }
        }
    }

    @Test func aShutDownClientRefusesWork() async throws {
        let client = try Self.makeClient()
        try await client.shutdown()
        let error = await #expect(throws: HTTPClientError.self) {
            try await client.execute(.init(method: .get, url: "http://127.0.0.1:1/"))
        }
        #expect(error?.kind == .transport)
    }
}
