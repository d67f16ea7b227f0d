import Adapters
import Foundation
import TestSupport
import Testing

/// The `tickets` executable as an operator runs it: bad settings stop the start with one line
/// each, and SIGTERM ends a running service with exit code 0.
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

    @Test func sigtermStopsARunningServiceWithExitCodeZero() async throws {
        let port = try FreePort.next()
        let redis = try ScratchRedisServer()
        let (process, output) = try start(["serve"], environment: [
            "HTTP_ADDR": "127.0.0.1:\(port)",
            "POSTGRES_URL": TestEnvironment.postgresURL,
            "REDIS_ADDR": "127.0.0.1:\(redis.port)",
            "LOG_FORMAT": "json",
        ])
        // Wait until it is ready, then ask it to stop.
        let http = try CurlHTTPClient()
        let deadline = ContinuousClock.now + .seconds(60)
        var served = false
        while !served, ContinuousClock.now < deadline, process.isRunning {
            served = (try? await http.execute(HTTPClientRequest(method: .get, url: "http://127.0.0.1:\(port)/health")).status) == 200
            if !served { try await Task.sleep(for: .milliseconds(100)) }
        }
        try await http.shutdown()
        #expect(served)
        process.terminate()
        let run = finish(process, output)
        #expect(run.status == 0, "\(run.output)")
        // Every log line is one JSON object.
        for line in run.output.split(separator: "\n") {
            #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) is [String: Any], "\(line)")
        }
    }
}
