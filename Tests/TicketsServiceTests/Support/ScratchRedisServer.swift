import Foundation
import TestSupport

/// A redis-server of the component tests' own: the service under test gets fresh streams, so
/// messages of earlier runs (or of a `make run` sharing the local Redis) never reach it.
/// `@unchecked Sendable`: the process handle is only touched by `init` and `deinit`.
final class ScratchRedisServer: @unchecked Sendable {
    let port: Int
    private let process: Process

    init() throws {
        port = try FreePort.next()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tickets-redis-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["redis-server", "--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", directory.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    deinit {
        process.terminate()
    }
}
