import CLibPQ
import Foundation

extension PostgresConnection {
    /// Starts listening on `channel`, taken verbatim (quoted as an identifier), as `pg_notify`
    /// takes it.
    func listen(channel: String) throws {
        guard let quoted = PQescapeIdentifier(handle, channel, channel.utf8.count) else {
            throw PostgresError(kind: .query, message: "cannot quote the channel name: \(lastErrorMessage)")
        }
        defer { PQfreemem(quoted) }
        try execute("LISTEN \(String(cString: quoted))")
    }

    /// Blocks until the server sends something or `timeout` passes, then reads what arrived.
    /// Throws when the connection broke.
    func awaitInput(timeout: Duration) throws {
        let milliseconds = Int32(timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        var descriptor = pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, milliseconds)
        guard ready != 0 else { return }
        if ready < 0, errno == EINTR { return }
        guard ready > 0, PQconsumeInput(handle) == 1, !isBroken else {
            throw PostgresError(kind: .connection, message: "the listening connection broke: \(failureReason)")
        }
    }

    /// The notifications libpq has read so far, oldest first.
    func takeNotifications() -> [PostgresNotification] {
        var notifications: [PostgresNotification] = []
        while let notify = PQnotifies(handle) {
            notifications.append(PostgresNotification(
                channel: String(cString: notify.pointee.relname),
                payload: String(cString: notify.pointee.extra),
                senderProcessID: notify.pointee.be_pid))
            PQfreemem(notify)
        }
        return notifications
    }
}
