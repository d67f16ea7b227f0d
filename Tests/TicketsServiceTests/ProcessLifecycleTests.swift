import Adapters
import Foundation
import TestSupport
import Testing

/// The `tickets` executable as an operator runs it: bad settings stop the start with one line
/// each, an unreachable Postgres stops it after its retry budget, SIGTERM ends a running service
/// with exit code 0, and a Redis outage does not stop bookings.
@Suite struct ProcessLifecycleTests {
    /// The `tickets` binary built beside the test bundle.
    private static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tickets")
    }

    private struct Run {
        var status: Int32
        var output: String
    }

    private func start(_ arguments: [String], environment: [String: String]) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        return (process, output)
    }

    private func finish(_ process: Process, _ output: Pipe) -> Run {
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    @Test func badSettingsStopTheStartWithOneLineEach() throws {
        let (process, output) = try start(["serve"], environment: ["HTTP_ADDR": "nowhere", "LOG_LEVEL": "loud"])
        let run = finish(process, output)
        #expect(run.status == 1)
        let lines = run.output.split(separator: "\n").map(String.init)
        #expect(lines.contains("invalid setting HTTP_ADDR: 'nowhere' is not host:port"))
        #expect(lines.contains("invalid setting LOG_LEVEL: 'loud' is not one of trace, debug, info, notice, warning, error, critical"))
    }

    /// Starts `tickets serve` on a free port with a scratch Redis and waits until it is healthy.
    private func serve(_ environment: [String: String] = [:]) async throws -> (process: Process, output: Pipe, port: Int, redis: ScratchRedisServer) {
        let port = try FreePort.next()
        let redis = try ScratchRedisServer()
        let (process, output) = try start(["serve"], environment: [
            "HTTP_ADDR": "127.0.0.1:\(port)",
            "POSTGRES_URL": TestEnvironment.postgresURL,
            "REDIS_ADDR": "127.0.0.1:\(redis.port)",
            "LOG_FORMAT": "json",
        ].merging(environment) { _, new in new })
        let http = try CurlHTTPClient()
        let deadline = ContinuousClock.now + .seconds(60)
        var served = false
        while !served, ContinuousClock.now < deadline, process.isRunning {
            served = (try? await http.execute(HTTPClientRequest(method: .get, url: "http://127.0.0.1:\(port)/health")).status) == 200
            if !served { try await Task.sleep(for: .milliseconds(100)) }
        }
        try await http.shutdown()
        #expect(served)
        return (process, output, port, redis)
    }

    @Test func withAnOTLPEndpointTheSpansOfARequestAreExportedByShutdown() async throws {
        let receiver = try OTLPTraceReceiver()
        // A long batch delay: the span can only arrive through the flush at shutdown.
        let (process, output, port, redis) = try await serve([
            "OTEL_EXPORTER_OTLP_ENDPOINT": receiver.endpoint, "OTEL_BSP_SCHEDULE_DELAY": "600000",
        ])
        let marker = "process-trace-\(UUID().uuidString.lowercased())"
        let http = try CurlHTTPClient()
        let reply = try await http.execute(HTTPClientRequest(method: .get, url: "http://127.0.0.1:\(port)/tickets", headers: ["Correlation-ID": marker]))
        try await http.shutdown()
        #expect(reply.status == 200)
        process.terminate()
        let run = finish(process, output)
        withExtendedLifetime(redis) {}
        #expect(run.status == 0, "\(run.output)")
        let span = try #require(receiver.spans.first { $0.stringAttributes["http.request.header.correlation_id"] == marker })
        #expect(span.name == "/tickets")
        #expect(span.serviceName == "tickets")
        #expect(receiver.rejectedRequests.isEmpty)
    }

    @Test func sigtermStopsARunningServiceWithExitCodeZero() async throws {
        let (process, output, _, redis) = try await serve()
        process.terminate()
        let run = finish(process, output)
        withExtendedLifetime(redis) {}
        #expect(run.status == 0, "\(run.output)")
        // Every log line is one JSON object.
        for line in run.output.split(separator: "\n") {
            #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) is [String: Any], "\(line)")
        }
    }

    @Test func refusesToStartWhenPostgresStaysUnreachableForItsBudget() throws {
        let (process, output) = try start(["serve"], environment: [
            "HTTP_ADDR": "127.0.0.1:\(try FreePort.next())",
            "POSTGRES_URL": "postgresql://postgres@127.0.0.1:\(try FreePort.next())/tickets",
            "POSTGRES_STARTUP_TIMEOUT": "1",
            "REDIS_ADDR": "127.0.0.1:\(try FreePort.next())",
            "LOG_FORMAT": "text",
        ])
        let run = finish(process, output)
        #expect(run.status != 0)
        #expect(run.output.contains("PostgreSQL stayed unreachable for 1.0 seconds (POSTGRES_STARTUP_TIMEOUT), giving up"), "\(run.output)")
    }

    @Test func bookingsSucceedWhileRedisIsDownAndTheirEventsFlowOnceItIsBack() async throws {
        let port = try FreePort.next()
        let redis = try ScratchRedisServer()
        let schema = TestEnvironment.uniqueName("outage").replacingOccurrences(of: "-", with: "_")
        let postgres = try PostgresClient(configuration: .init(url: TestEnvironment.postgresURL, poolSize: 1))
        try await postgres.execute("CREATE SCHEMA \(schema)")
        let (process, output) = try start(["serve"], environment: [
            "HTTP_ADDR": "127.0.0.1:\(port)",
            "POSTGRES_URL": TestEnvironment.postgresURL + "?options=-csearch_path%3D\(schema)",
            "REDIS_ADDR": "127.0.0.1:\(redis.port)",
            "GATEWAY_ADDR": "http://127.0.0.1:\(try FreePort.next())",
            "LOG_FORMAT": "json",
        ])
        let http = try CurlHTTPClient()
        func call(_ method: HTTPClientRequest.Method, _ path: String, _ body: String? = nil) async throws -> HTTPClientResponse {
            try await http.execute(HTTPClientRequest(
                method: method, url: "http://127.0.0.1:\(port)\(path)",
                headers: ["Content-Type": "application/json"], body: body.map { Data($0.utf8) }
            ))
        }
        try await TestSupport.eventually("the service reports healthy", within: .seconds(60)) {
            (try? await call(.get, "/health").status) == 200
        }
        let show = try await call(.post, "/shows", #"{"dead_nation_id":"\#(UUID().uuidString.lowercased())","number_of_tickets":5,"start_time":"2026-12-24T20:00:00Z","title":"t","venue":"v"}"#)
        #expect(show.status == 201)
        let showID = try #require((try JSONSerialization.jsonObject(with: show.body) as? [String: String])?["show_id"])

        redis.stop()
        let booking = try await call(.post, "/book-tickets", #"{"show_id":"\#(showID)","number_of_tickets":2,"customer_email":"outage@example.com"}"#)
        #expect(booking.status == 201, "\(String(decoding: booking.body, as: UTF8.self))")
        let bookingID = try #require((try JSONSerialization.jsonObject(with: booking.body) as? [String: String])?["booking_id"])
        #expect(try await call(.get, "/health").status == 200)

        try redis.start()
        // The event went out through the outbox, Redis and the data-lake handler.
        try await TestSupport.eventually("BookingMade_v1 reaches the data lake", within: .seconds(60)) {
            let rows = try await postgres.query(
                "SELECT count(*)::int AS n FROM \(schema).events WHERE event_name = 'BookingMade_v1' AND event_payload->>'booking_id' = $1",
                [bookingID]
            )
            return try rows[0].decode(Int.self, column: "n") == 1
        }
        try await http.shutdown()
        process.terminate()
        let run = finish(process, output)
        #expect(run.status == 0, "\(run.output)")
        try await postgres.execute("DROP SCHEMA \(schema) CASCADE")
        try await postgres.shutdown()
    }
}
