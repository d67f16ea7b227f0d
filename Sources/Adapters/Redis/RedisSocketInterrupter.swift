import Foundation
import Synchronization

/// Lets another task end a read that is blocked on a connection's socket, by shutting the socket
/// down (`shutdown(2)` is safe to call while another thread reads). The socket is registered
/// while its connection is alive and unregistered before the connection closes it, so an
/// interrupt never reaches a descriptor number that has been reused.
final class RedisSocketInterrupter: Sendable {
    private struct State {
        var socket: Int32?
        var isInterrupted = false
    }

    private let state = Mutex(State())

    var isInterrupted: Bool {
        state.withLock { $0.isInterrupted }
    }

    /// Registers the socket of a new connection; false (and nothing registered) once interrupted.
    func attach(_ socket: Int32) -> Bool {
        state.withLock { state in
            guard !state.isInterrupted else { return false }
            state.socket = socket
            return true
        }
    }

    /// Unregisters the socket before its connection is freed.
    func detach() {
        state.withLock { $0.socket = nil }
    }

    /// Ends the read in progress, if any, and makes every later `attach` fail.
    func interrupt() {
        state.withLock { state in
            state.isInterrupted = true
            if let socket = state.socket {
                _ = shutdown(socket, Int32(SHUT_RDWR))
            }
        }
    }
}
