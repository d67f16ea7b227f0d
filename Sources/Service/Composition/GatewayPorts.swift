import Entities

/// The external gateway as the handlers use it: one port per API.
struct GatewayPorts: Sendable {
    var receipts: any ReceiptIssuing & ReceiptVoiding
    var payments: any PaymentRefunding
    var files: any TicketFileStoring
    var sheets: any SpreadsheetAppending
    var deadNation: any DeadNationBooking
}
