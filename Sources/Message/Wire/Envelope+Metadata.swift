extension Envelope {
    /// The event or command name in the metadata, nil when absent.
    public var name: String? { metadata[MetadataKey.name] }

    /// The correlation id in the metadata, nil when absent.
    public var correlationID: String? { metadata[MetadataKey.correlationID] }
}
