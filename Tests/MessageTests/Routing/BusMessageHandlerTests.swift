import Entities
import Foundation
import Message
import Synchronization
import Testing

/// Typed handlers behind envelopes: their topic and group from the message type, payloads decoded,
/// what cannot be decoded unprocessable.
@Suite struct BusMessageHandlerTests {
    /// Remembers the refunds it is given.
    final class RefundRecorder: TypedMessageHandler {
        static let name = "RecordRefunds"
        let received = Mutex<[(RefundTicket, ProcessingKey)]>([])

        func handle(_ message: RefundTicket, context: MessageContext) async throws {
            received.withLock { $0.append((message, processingKey(context))) }
        }
    }

    let topology: BusTopology

    init() throws {
        topology = try BusTopology()
    }

    @Test func readsItsMessagesTopicWithItsOwnGroup() {
        let handler = RefundRecorder().reading(topology)
        #expect(handler.name == "RecordRefunds")
        #expect(handler.topic == "commands.RefundTicket")
        #expect(topology.consumerGroup(for: handler) == "svc-tickets.commands.RecordRefunds")
        let eventHandler = StoreTicketHandler(tickets: InMemoryTickets()).reading(topology)
        #expect(eventHandler.topic == "events.TicketBookingConfirmed_v1")
        #expect(topology.consumerGroup(for: eventHandler) == "svc-tickets.events.StoreTicket")
        let internalHandler = UpdateOpsReadModelHandler(readModel: InMemoryOpsReadModel(), on: InternalOpsReadModelUpdated.self).reading(topology)
        #expect(internalHandler.topic == "internal-events.svc-tickets.InternalOpsReadModelUpdated")
    }

    @Test func decodesThePayloadAndKeysByHandlerAndMessage() async throws {
        let recorder = RefundRecorder()
        let handler = recorder.reading(topology)
        let command = RefundTicket(header: Samples.header, ticketID: Samples.ticketID)
        let envelope = try BusMessageMarshaler.marshal(command)
        try await handler.handle(envelope, context: .delivery(to: handler.name, messageUUID: envelope.uuid))

        let received = recorder.received.withLock { $0 }
        #expect(received.map(\.0) == [command])
        #expect(received.map(\.1) == [ProcessingKey(handler: "RecordRefunds", messageUUID: envelope.uuid)])
    }

    @Test(arguments: [
        Envelope(metadata: ["name": "TicketRefunded_v1"], payload: Data(Samples.goldens[6].json.utf8)),
        Envelope(metadata: [:], payload: Data(Samples.goldens[6].json.utf8)),
        Envelope(metadata: ["name": "RefundTicket"], payload: Data(#"{"ticket_id":"not-a-uuid"}"#.utf8)),
        Envelope(metadata: ["name": "RefundTicket"], payload: Data("{".utf8)),
    ])
    func undecodableMessageIsUnprocessable(envelope: Envelope) async throws {
        let recorder = RefundRecorder()
        let error = await #expect(throws: UnprocessableMessage.self) {
            try await recorder.reading(topology).handle(envelope, context: .delivery(to: RefundRecorder.name))
        }
        #expect(error?.reason.contains(envelope.uuid) == true)
        #expect(recorder.received.withLock { $0.isEmpty })
    }

    @Test func handlerErrorsAreNotMadeUnprocessable() async throws {
        let gateway = RecordingGateway()
        gateway.failNext()
        let handler = RefundTicketHandler(receipts: gateway, payments: gateway, publisher: RecordingEventPublisher()).reading(topology)
        let envelope = try BusMessageMarshaler.marshal(RefundTicket(header: Samples.header, ticketID: Samples.ticketID))
        await #expect(throws: RecordingGateway.Unreachable.self) {
            try await handler.handle(envelope, context: .delivery(to: handler.name, messageUUID: envelope.uuid))
        }
    }
}
