import Entities

/// Adds a confirmed ticket to the `tickets-to-print` sheet.
public struct AppendToPrintSheetHandler: TypedMessageHandler {
    public static let name = "AppendToTicketsToPrint"
    let sheets: any SpreadsheetAppending
    let processed: any ProcessedMessages

    public init(sheets: any SpreadsheetAppending, processed: any ProcessedMessages) {
        self.sheets = sheets
        self.processed = processed
    }

    public func handle(_ event: TicketBookingConfirmed_v1, context: MessageContext) async throws {
        try await processed.once(processingKey(context)) {
            try await sheets.appendRow(
                sheet: "tickets-to-print",
                columns: TicketSheetRow.columns(ticketID: event.ticketID, customerEmail: event.customerEmail, price: event.price),
                idempotencyKey: event.header.idempotencyKey
            )
        }
    }
}
