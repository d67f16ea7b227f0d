import Entities
import Foundation

/// The row both ticket sheets hold: `[ticket_id, customer_email, amount, currency]`.
enum TicketSheetRow {
    static func columns(ticketID: UUID, customerEmail: String, price: Money) -> [String] {
        [ticketID.uuidString.lowercased(), customerEmail, price.amount, price.currency]
    }
}
