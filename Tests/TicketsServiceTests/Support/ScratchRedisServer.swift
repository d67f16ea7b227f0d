import Foundation
import TestSupport

/// A redis-server of the component tests' own: the service under test gets fresh streams, so
/// messages of earlier runs (or of a `make run` sharing the local Redis) never reach it.
///
/// It runs under a small shell that holds the read end of a pipe from this process: when the
/// pipe closes (on `deinit`, or when the test process ends, however it ends) the shell kills the
/// server, so no server outlives its tests. SIGKILL, because processes spawned by the test
/// runner inherit its blocked signal mask and would ignore SIGTERM.
/// `@unchecked Sendable`: the handles are only touched by `init` and `deinit`.
final class ScratchRedisServer: @unchecked Sendable {
    let port: Int
    private let process: Process
    private let lifeline: Pipe

    init() throws {
        port = try FreePort.next()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tickets-redis-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        lifeline = Pipe()
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [
            "-c",
            "redis-server --port \(port) --bind 127.0.0.1 --save '' --appendonly no --dir '\(directory.path)' & server=$!; "
                + "read -r _; kill -9 $server; rm -rf '\(directory.path)'",
        ]
        process.standardInput = lifeline
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    deinit {
        try? lifeline.fileHandleForWriting.close()
    }
}
