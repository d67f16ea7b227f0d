import Adapters
import Testing

@Suite struct RedisAddressTests {
    @Test func hostAndPortAreReadAsInRedisAddr() throws {
        #expect(try RedisAddress(parsing: "127.0.0.1:56379") == RedisAddress(host: "127.0.0.1", port: 56379))
        #expect(try RedisAddress(parsing: "redis.internal:6379") == RedisAddress(host: "redis.internal", port: 6379))
        let ipv6 = try RedisAddress(parsing: "[::1]:6379")
        #expect(ipv6 == RedisAddress(host: "::1", port: 6379))
        #expect(ipv6.description == "[::1]:6379")
    }

    @Test(arguments: [
        "localhost", ":6379", "localhost:", "localhost:http", "localhost:0", "localhost:70000", "[]:6379",
    ])
    func malformedAddressesAreRejectedWithTheReason(text: String) {
        let error = #expect(throws: InvalidRedisAddress.self) { try RedisAddress(parsing: text) }
        #expect(error?.description.contains(text) == true)
    }
}
