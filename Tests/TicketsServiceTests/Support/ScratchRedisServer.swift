import Foundation
import Synchronization
import TestSupport

/// A redis-server of the component tests' own: the service under test gets fresh streams, so
/// messages of earlier runs (or of a `make run` sharing the local Redis) never reach it. It can be
/// stopped and started again on the same port, as an outage (its data is gone, as after a restart
/// without persistence).
///
/// It runs under a small shell that holds the read end of a pipe from this process: when the
/// pipe closes (on `stop()`, on `deinit`, or when the test process ends, however it ends) the
/// shell kills the server, so no server outlives its tests. SIGKILL, because processes spawned by
/// the test runner inherit its blocked signal mask and would ignore SIGTERM.
final class ScratchRedisServer: Sendable {
    let port: Int
    private let running: Mutex<(process: Process, lifeline: Pipe)?> = Mutex(nil)

    init() throws {
        port = try FreePort.next()
        try start()
    }

    /// Starts the server (again) on its port.
    func start() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tickets-redis-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let lifeline = Pipe()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [
            "-c",
            "redis-server --port \(port) --bind 127.0.0.1 --save '' --appendonly no --dir '\(directory.path)' & server=$!; "
                + "read -r _; kill -9 $server; wait $server; rm -rf '\(directory.path)'",
        ]
        process.standardInput = lifeline
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        running.withLock { $0 = (process, lifeline) }
    }

    /// Kills the server and waits until it is gone.
    func stop() {
        guard let (process, lifeline) = running.withLock({ state in defer { state = nil }; return state }) else { return }
        try? lifeline.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    deinit {
        running.withLock { state in try? state?.lifeline.fileHandleForWriting.close() }
    }
}
