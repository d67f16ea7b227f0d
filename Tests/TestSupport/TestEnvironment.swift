import Foundation

/// Where the tests find the local servers that `scripts/services.sh start` runs. `make test`
/// exports these; the defaults match the script so that `swift test` works on its own too.
public enum TestEnvironment {
    public static var postgresURL: String {
        value("POSTGRES_URL", default: "postgresql://postgres@127.0.0.1:55432/tickets_test")
    }

    public static var redisAddress: String {
        value("REDIS_ADDR", default: "127.0.0.1:56379")
    }

    /// A name no other test (or earlier run) uses: for streams, groups and tables.
    public static func uniqueName(_ prefix: String) -> String {
        "\(prefix)-\(UUID().uuidString.lowercased().prefix(12))"
    }

    private static func value(_ name: String, default fallback: String) -> String {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { return fallback }
        return value
    }
}
