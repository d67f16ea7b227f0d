import Adapters
import Entities
import Message

/// Every message handler of the service, wired to its ports. Handler names are stable: they
/// name the consumer groups.
enum HandlerCatalog {
    static func handlers(
        topology: BusTopology,
        postgres: PostgresClient,
        bus: MessageBus,
        gateway: GatewayPorts
    ) -> [any MessageHandler] {
        let shows = PostgresShowsRepository(client: postgres)
        let tickets = PostgresTicketsRepository(client: postgres)
        let publisher = PostgresEventPublisher(client: postgres, bus: bus)
        let processed = PostgresProcessedMessages(client: postgres)
        let readModel = PostgresOpsReadModel(client: postgres, bus: bus)
        return [
            BookAtDeadNationHandler(shows: shows, deadNation: gateway.deadNation, processed: processed).reading(topology),
            AppendToPrintSheetHandler(sheets: gateway.sheets, processed: processed).reading(topology),
            AppendToRefundSheetHandler(sheets: gateway.sheets, processed: processed).reading(topology),
            IssueReceiptHandler(receipts: gateway.receipts, publisher: publisher).reading(topology),
            StoreTicketHandler(tickets: tickets).reading(topology),
            MarkTicketCanceledHandler(tickets: tickets).reading(topology),
            PrintTicketHandler(files: gateway.files, publisher: publisher).reading(topology),
            RefundTicketHandler(receipts: gateway.receipts, payments: gateway.payments, publisher: publisher).reading(topology),
            UpdateOpsReadModelHandler(readModel: readModel, on: BookingMade_v1.self).reading(topology),
            UpdateOpsReadModelHandler(readModel: readModel, on: TicketBookingConfirmed_v1.self).reading(topology),
            UpdateOpsReadModelHandler(readModel: readModel, on: TicketReceiptIssued_v1.self).reading(topology),
            UpdateOpsReadModelHandler(readModel: readModel, on: TicketPrinted_v1.self).reading(topology),
            UpdateOpsReadModelHandler(readModel: readModel, on: TicketRefunded_v1.self).reading(topology),
            StoreInDataLakeHandler(dataLake: PostgresDataLake(client: postgres)),
        ]
    }
}
