/// The summary form of `XPENDING`: how many entries a group has delivered but not acknowledged.
public struct RedisPendingSummary: Sendable, Equatable {
    public let count: Int
    /// The lowest and highest pending ids; nil when nothing is pending.
    public let smallestID: String?
    public let largestID: String?
    /// Pending entries per consumer that has any.
    public let consumers: [Consumer]

    /// A consumer and the number of entries pending for it.
    public struct Consumer: Sendable, Equatable {
        public let name: String
        public let pending: Int

        public init(name: String, pending: Int) {
            self.name = name
            self.pending = pending
        }
    }

    public init(count: Int, smallestID: String?, largestID: String?, consumers: [Consumer]) {
        self.count = count
        self.smallestID = smallestID
        self.largestID = largestID
        self.consumers = consumers
    }
}

/// One line of the extended form of `XPENDING`.
public struct RedisPendingEntry: Sendable, Equatable {
    public let id: String
    public let consumer: String
    /// Time since the entry was last delivered (or claimed).
    public let idle: Duration
    /// How many times the entry has been delivered.
    public let deliveryCount: Int

    public init(id: String, consumer: String, idle: Duration, deliveryCount: Int) {
        self.id = id
        self.consumer = consumer
        self.idle = idle
        self.deliveryCount = deliveryCount
    }
}
