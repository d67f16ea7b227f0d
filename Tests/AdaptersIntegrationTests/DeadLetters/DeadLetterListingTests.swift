@testable import Adapters
import Message
import Testing

/// `tickets dead-letters list` prints each entry on one line, whatever its reason holds.
@Suite struct DeadLetterListingTests {
    @Test func aReasonWithLineBreaksStaysOnOneLine() {
        let envelope = DeadLetterSamples.envelope()
        let entry = DeadLetterEntry(
            id: "1-0", envelope: envelope, problem: nil,
            reason: "gateway answered 500:\n<html>\r\n\tdown</html>", topic: "events.X", handler: "IssueReceipt", subscriber: "i1"
        )
        #expect(entry.listingLine == "1-0  uuid=\(envelope.uuid)  name=\(envelope.name ?? "-")  topic=events.X  handler=IssueReceipt  reason=gateway answered 500:\\n<html>\\r\\n\\tdown</html>")
    }

    @Test func anUnreadableEntrySaysWhyOnOneLine() {
        let entry = DeadLetterEntry(id: "2-0", envelope: nil, problem: "bad msgpack\nat byte 3", reason: nil, topic: nil, handler: nil, subscriber: nil)
        #expect(entry.listingLine == "2-0  unreadable: bad msgpack\\nat byte 3")
    }
}
