import Entities
import Foundation
import Metrics

/// Stores the printable ticket file `<ticket_id>-ticket.html` ("already exists" is success) and
/// publishes `TicketPrinted_v1`.
public struct PrintTicketHandler: TypedMessageHandler {
    public static let name = "PrintTicket"
    let files: any TicketFileStoring
    let publisher: any EventPublishing
    private let confirmedToPrinted = Metrics.Timer(label: "ticket_confirmed_to_printed_seconds", preferredDisplayUnit: .seconds)

    public init(files: any TicketFileStoring, publisher: any EventPublishing) {
        self.files = files
        self.publisher = publisher
    }

    public func handle(_ event: TicketBookingConfirmed_v1, context: MessageContext) async throws {
        let fileName = TicketFile.name(for: event.ticketID)
        try await files.storeFile(fileID: fileName, content: TicketFile.html(ticketID: event.ticketID, price: event.price))
        let printed = TicketPrinted_v1(header: .new(idempotencyKey: event.header.idempotencyKey), ticketID: event.ticketID, fileName: fileName)
        try await publisher.publish([printed], once: processingKey(context))
        confirmedToPrinted.record(Date().timeIntervalSince(event.header.publishedAt))
    }
}

/// The printable ticket: an HTML page with the ticket id, price and currency.
enum TicketFile {
    static func name(for ticketID: UUID) -> String {
        "\(ticketID.uuidString.lowercased())-ticket.html"
    }

    static func html(ticketID: UUID, price: Money) -> String {
        let id = escaped(ticketID.uuidString.lowercased())
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Ticket \(id)</title></head>
            <body>
            <h1>Ticket</h1>
            <p>Ticket ID: <span class="ticket-id">\(id)</span></p>
            <p>Price: <span class="amount">\(escaped(price.amount))</span> <span class="currency">\(escaped(price.currency))</span></p>
            </body>
            </html>

            """
    }

    private static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;")
            .replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }
}
