import Entities
import Message
import Testing

/// Topic and consumer-group names (CONTRACT.md §3, "Topics and consumer groups").
@Suite struct BusTopologyTests {
    @Test func defaultServiceIsSvcTickets() throws {
        #expect(try BusTopology().serviceName == "svc-tickets")
    }

    @Test func publicEventsGoToTheFirehoseAndTheirOwnTopic() throws {
        let topology = try BusTopology()
        #expect(topology.publishTopics(for: TicketBookingConfirmed_v1.self) == ["events", "events.TicketBookingConfirmed_v1"])
        #expect(topology.topic(for: TicketBookingConfirmed_v1.self) == "events.TicketBookingConfirmed_v1")
    }

    @Test func internalEventsGoToTheServiceTopic() throws {
        let topology = try BusTopology(serviceName: "svc-other")
        #expect(topology.publishTopics(for: InternalOpsReadModelUpdated.self) == ["internal-events.svc-other.InternalOpsReadModelUpdated"])
        #expect(try BusTopology().topic(for: InternalOpsReadModelUpdated.self) == "internal-events.svc-tickets.InternalOpsReadModelUpdated")
    }

    @Test func commandsGoToTheirTopic() throws {
        #expect(try BusTopology().publishTopics(for: RefundTicket.self) == ["commands.RefundTicket"])
    }

    @Test func handlerGroupsArePrefixedWithTheService() throws {
        let topology = try BusTopology()
        #expect(topology.consumerGroup(handler: "IssueReceiptHandler", handling: .publicEvent) == "svc-tickets.events.IssueReceiptHandler")
        #expect(topology.consumerGroup(handler: "OpsReadModel", handling: .internalEvent) == "svc-tickets.events.OpsReadModel")
        #expect(topology.consumerGroup(handler: "RefundTicketHandler", handling: .command) == "svc-tickets.commands.RefundTicketHandler")
        #expect(try BusTopology(serviceName: "svc-b").consumerGroup(handler: "H", handling: .command) == "svc-b.commands.H")
    }

    @Test func deadLettersGoToThePoisonStream() throws {
        #expect(try BusTopology().deadLetterTopic == "poison.svc-tickets")
        #expect(try BusTopology(serviceName: "svc-b").deadLetterTopic == "poison.svc-b")
    }

    @Test(arguments: ["", " ", "svc tickets", "svc\ttickets", "svc-tickets\n", "svc\u{7}"])
    func refusesServiceNamesThatCannotBePartOfAStreamName(name: String) {
        #expect(throws: BusTopology.InvalidServiceNameError.self) { try BusTopology(serviceName: name) }
    }

    @Test func invalidNameErrorQuotesTheName() throws {
        let error = try #require(throws: BusTopology.InvalidServiceNameError.self) { try BusTopology(serviceName: "a b") }
        #expect(error.serviceName == "a b")
        #expect(error.description.contains(#""a b""#))
    }

    @Test func catalogueNamesAreTheTypeNamesAndUnique() {
        let names = BusMessageCatalog.all.map { $0.name }
        #expect(names == BusMessageCatalog.all.map { String(describing: $0) })
        #expect(Set(names).count == names.count)
    }

    @Test func catalogueFindsTypesByName() {
        #expect(BusMessageCatalog.type(named: "TicketPrinted_v1") == TicketPrinted_v1.self)
        #expect(BusMessageCatalog.type(named: "TicketPrinted_v2") == nil)
    }

    @Test func kindsFollowTheCatalogue() {
        let kinds = Dictionary(uniqueKeysWithValues: BusMessageCatalog.all.map { ($0.name, $0.kind) })
        #expect(kinds["RefundTicket"] == .command)
        #expect(kinds["InternalOpsReadModelUpdated"] == .internalEvent)
        #expect(kinds.filter { $0.value == .publicEvent }.count == 8)
    }
}
