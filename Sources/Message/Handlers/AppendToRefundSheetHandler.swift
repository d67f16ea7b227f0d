import Entities

/// Adds a canceled ticket to the `tickets-to-refund` sheet.
public struct AppendToRefundSheetHandler: TypedMessageHandler {
    public static let name = "AppendToTicketsToRefund"
    let sheets: any SpreadsheetAppending
    let processed: any ProcessedMessages

    public init(sheets: any SpreadsheetAppending, processed: any ProcessedMessages) {
        self.sheets = sheets
        self.processed = processed
    }

    public func handle(_ event: TicketBookingCanceled_v1, context: MessageContext) async throws {
        try await processed.once(processingKey(context)) {
            try await sheets.appendRow(
                sheet: "tickets-to-refund",
                columns: TicketSheetRow.columns(ticketID: event.ticketID, customerEmail: event.customerEmail, price: event.price),
                idempotencyKey: event.header.idempotencyKey
            )
        }
    }
}
