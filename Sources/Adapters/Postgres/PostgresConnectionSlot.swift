import Synchronization

/// One of the pool's `poolSize` places for a connection, lent to one caller at a time. The
/// connection is opened in it lazily and replaced when broken; the mutex makes the slot the
/// connection's only owner, so the connection never escapes to another thread while in use.
final class PostgresConnectionSlot: Sendable {
    let connection = Mutex<PostgresConnection?>(nil)
}
