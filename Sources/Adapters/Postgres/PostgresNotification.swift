/// A `NOTIFY` received on a channel the listener listens to.
public struct PostgresNotification: Sendable, Hashable {
    public let channel: String
    public let payload: String
    /// The server process of the session that sent it.
    public let senderProcessID: Int32
}

/// What a `PostgresNotificationListener` reports.
public enum PostgresListenerEvent: Sendable, Hashable {
    /// LISTEN is in effect for the first time: notifications sent from now on arrive.
    case listening
    /// The connection broke and LISTEN is in effect again on a new one. Notifications sent
    /// in between are lost: re-check whatever they would have announced.
    case reconnected
    case notification(PostgresNotification)
}
