import Entities
import Foundation
import Message
import Testing

/// The layers around every handler: correlation bound for the handler's task, context filled in,
/// the handler's error passed on unchanged.
@Suite struct HandlerPipelineTests {
    @Test func bindsTheMessagesCorrelationIDAndFillsTheContext() async throws {
        let handler = RecordingHandler(name: "Record", topic: "events.X")
        let envelope = Envelope(uuid: "m-1", metadata: [MetadataKey.correlationID: "corr-7"], payload: Data())
        try await HandlerPipeline(handler: handler, logger: .quiet).run(envelope, attempt: 4)

        #expect(handler.calls == [RecordingHandler.Call(messageUUID: "m-1", attempt: 4, handlerName: "Record", correlationID: "corr-7")])
        #expect(Correlation.id == nil)
    }

    @Test func makesACorrelationIDWhenTheMessageHasNone() async throws {
        let handler = RecordingHandler(name: "Record", topic: "events.X")
        let pipeline = HandlerPipeline(handler: handler, logger: .quiet)
        try await pipeline.run(Envelope(payload: Data()), attempt: 1)
        try await pipeline.run(Envelope(payload: Data()), attempt: 1)

        let ids = handler.calls.compactMap(\.correlationID)
        try #require(ids.count == 2)
        #expect(ids.allSatisfy { $0.hasPrefix("gen_") && $0 == $0.lowercased() })
        #expect(ids[0] != ids[1])
    }

    @Test func passesTheHandlersErrorOn() async throws {
        let handler = RecordingHandler(name: "Record", topic: "events.X") { _, _ in throw UnprocessableMessage("bad") }
        let error = await #expect(throws: UnprocessableMessage.self) {
            try await HandlerPipeline(handler: handler, logger: .quiet).run(Envelope(payload: Data()), attempt: 1)
        }
        #expect(error?.reason == "bad")
        #expect(Correlation.id == nil)
    }

    @Test func messagesPublishedByTheHandlerCarryTheCorrelationID() async throws {
        let bus = MessageBus(topology: try BusTopology())
        let handler = RecordingHandler(name: "Record", topic: "events.X") { _, _ in
            let outgoing = try bus.outgoing(RefundTicket(header: Samples.header, ticketID: Samples.ticketID))
            guard outgoing.map(\.envelope.correlationID) == ["corr-9"] else { throw HandlerFailure() }
        }
        let envelope = Envelope(metadata: [MetadataKey.correlationID: "corr-9"], payload: Data())
        try await HandlerPipeline(handler: handler, logger: .quiet).run(envelope, attempt: 1)
    }
}
