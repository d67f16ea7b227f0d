import Entities
import Foundation
import Message
import Testing

/// Events and commands as the messages to publish, per topic (CONTRACT.md §3).
@Suite struct MessageBusTests {
    let bus: MessageBus

    init() throws {
        bus = MessageBus(topology: try BusTopology())
    }

    @Test func publicEventGoesToTheFirehoseAndItsOwnTopicAsOneMessage() throws {
        let event = SheetHandlersTests.confirmed
        let outgoing = try bus.outgoing(event)

        #expect(outgoing.map(\.topic) == ["events", "events.TicketBookingConfirmed_v1"])
        #expect(outgoing[0].envelope == outgoing[1].envelope)
        let envelope = outgoing[0].envelope
        #expect(UUID(uuidString: envelope.uuid) != nil)
        #expect(envelope.uuid == envelope.uuid.lowercased())
        #expect(envelope.uuid != Samples.headerID.uuidString.lowercased())
        #expect(envelope.metadata == ["name": "TicketBookingConfirmed_v1"])
        #expect(envelope.payload == Data(Samples.goldens[1].json.utf8))
    }

    @Test func internalEventAndCommandGoToTheirOwnTopicOnly() throws {
        let internalEvent = try bus.outgoing(InternalOpsReadModelUpdated(header: Samples.header, bookingID: Samples.bookingID))
        #expect(internalEvent.map(\.topic) == ["internal-events.svc-tickets.InternalOpsReadModelUpdated"])
        let command = try bus.outgoing(RefundTicket(header: Samples.header, ticketID: Samples.ticketID))
        #expect(command.map(\.topic) == ["commands.RefundTicket"])
        #expect(command[0].envelope.name == "RefundTicket")
    }

    @Test func eachMessageGetsItsOwnUUID() throws {
        let first = try bus.outgoing(RefundTicket(header: Samples.header, ticketID: Samples.ticketID))
        let second = try bus.outgoing(RefundTicket(header: Samples.header, ticketID: Samples.ticketID))
        #expect(first[0].envelope.uuid != second[0].envelope.uuid)
    }

    @Test func carriesTheCorrelationIDOfTheTask() throws {
        let outgoing = try Correlation.$id.withValue("corr-5") {
            try bus.outgoing([SheetHandlersTests.confirmed, RefundTicket(header: Samples.header, ticketID: Samples.ticketID)] as [any BusMessage])
        }
        #expect(outgoing.map(\.topic) == ["events", "events.TicketBookingConfirmed_v1", "commands.RefundTicket"])
        #expect(outgoing.allSatisfy { $0.envelope.correlationID == "corr-5" })
        #expect(outgoing[0].envelope.uuid == outgoing[1].envelope.uuid)
        #expect(outgoing[1].envelope.uuid != outgoing[2].envelope.uuid)
    }

    @Test func writesNoCorrelationIDOutsideOfOne() throws {
        #expect(try bus.outgoing(SheetHandlersTests.confirmed).allSatisfy { $0.envelope.correlationID == nil })
    }
}
