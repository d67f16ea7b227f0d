import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A TCP socket bound to a port of the kernel's choice on 127.0.0.1.
struct LoopbackSocket {
    let descriptor: Int32
    let port: Int

    /// `listening`: accept connections (otherwise the port is only reserved until `close`).
    init(listening: Bool) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let descriptor = descriptor
        let ready = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(descriptor, socketAddress, length) == 0
                    && getsockname(descriptor, socketAddress, &length) == 0
                    && (!listening || listen(descriptor, 16) == 0)
            }
        }
        guard descriptor >= 0, ready else {
            let code = errno
            Glibc.close(descriptor)
            throw RedisTesting.SetupFailure(description: "no loopback socket: errno \(code)")
        }
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    func close() {
        Glibc.close(descriptor)
    }
}

/// A TCP server that answers every connection with bytes that are not the Redis protocol.
final class NotRedisServer: Sendable {
    let port: Int
    private let listener: LoopbackSocket

    init() throws {
        listener = try LoopbackSocket(listening: true)
        port = listener.port
        let listener = listener
        Thread.detachNewThread {
            var clients: [Int32] = []
            while case let client = accept(listener.descriptor, nil, nil), client >= 0 {
                var request = [UInt8](repeating: 0, count: 1024)
                _ = recv(client, &request, request.count, 0)
                let garbage = Array("?this is not redis\r\n".utf8)
                _ = send(client, garbage, garbage.count, 0)
                // Kept open: closing with unread bytes could turn the garbage into a reset.
                clients.append(client)
            }
            for client in clients {
                Glibc.close(client)
            }
        }
    }

    /// Stops accepting (which ends the serving thread) and closes the port.
    func stop() {
        shutdown(listener.descriptor, Int32(SHUT_RDWR))
        listener.close()
    }
}
