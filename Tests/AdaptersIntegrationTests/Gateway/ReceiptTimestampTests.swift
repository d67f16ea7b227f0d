import Foundation
import Message
import Testing

/// The receipt times gateways write, as the receipts client reads them (the wire's RFC 3339 parser).
@Suite struct ReceiptTimestampTests {
    @Test(arguments: [
        ("2024-05-01T12:30:45Z", 1_714_566_645.0),
        ("2024-05-01T12:30:45.5Z", 1_714_566_645.5),
        ("2024-05-01T12:30:45.123456789Z", 1_714_566_645.123456789),
        ("2024-05-01t12:30:45.250z", 1_714_566_645.25),
        ("2024-05-01T14:30:45+02:00", 1_714_566_645.0),
        ("2024-05-01T10:00:45.75-02:30", 1_714_566_645.75),
    ])
    func readsTheFormsGatewaysWrite(text: String, seconds: Double) throws {
        let date = try #require(RFC3339.date(from: text))
        #expect(abs(date.timeIntervalSince1970 - seconds) < 0.000_01)
    }

    @Test(arguments: ["", "2024-05-01", "2024-05-01T12:30:45", "2024-13-01T12:30:45Z", "2024-02-30T12:30:45Z", "yesterday"])
    func refusesWhatIsNotATimestamp(text: String) {
        #expect(RFC3339.date(from: text) == nil)
    }
}
