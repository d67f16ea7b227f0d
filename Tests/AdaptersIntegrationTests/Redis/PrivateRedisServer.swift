import Adapters
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A redis-server of the test's own, on a free port in a temporary folder, for tests that kill
/// and restart the server (the shared one must never be touched).
final class PrivateRedisServer {
    let address: RedisAddress
    /// Whether data survives a restart (append-only file in the server's folder).
    let persistent: Bool
    private let directory: URL
    private var process: Process?

    init(persistent: Bool = false) async throws {
        self.persistent = persistent
        let reservation = try LoopbackSocket(listening: false)
        reservation.close()
        address = RedisAddress(host: "127.0.0.1", port: reservation.port)
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("redis-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try await start()
    }

    /// Starts the server (again, on the same port) and waits until it answers.
    func start() async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "redis-server", "--port", String(address.port), "--bind", address.host,
            "--save", "", "--appendonly", persistent ? "yes" : "no", "--dir", directory.path,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
        try await waitUntilAnswering()
    }

    /// Kills the server abruptly, as a crash would, and waits until it is gone.
    func kill() {
        guard let process else { return }
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        self.process = nil
    }

    /// Stops the server with `SHUTDOWN` (the append-only file is flushed first) and waits until
    /// it is gone. Not by SIGTERM: the server inherits the test process's blocked signals.
    func shutDown() async throws {
        guard let process else { return }
        let connection = try RedisConnection(address: address, connectTimeout: .seconds(1), commandTimeout: .seconds(5))
        // The server closes the connection instead of answering.
        _ = try? connection.send(["SHUTDOWN"])
        while process.isRunning {
            try await Task.sleep(for: .milliseconds(10))
        }
        self.process = nil
    }

    /// Kills the server and removes its folder.
    func stop() {
        kill()
        try? FileManager.default.removeItem(at: directory)
    }

    deinit {
        stop()
    }

    private func waitUntilAnswering() async throws {
        var lastError: (any Error)?
        for _ in 0..<500 {
            if let process, !process.isRunning {
                throw RedisTesting.SetupFailure(
                    description: "redis-server exited with status \(process.terminationStatus)")
            }
            do {
                let connection = try RedisConnection(
                    address: address, connectTimeout: .seconds(1), commandTimeout: .seconds(1))
                try connection.send(["PING"])
                return
            } catch {
                lastError = error
                try await Task.sleep(for: .milliseconds(10))
            }
        }
        throw lastError ?? RedisTesting.SetupFailure(description: "redis-server at \(address) never answered")
    }
}
