import Foundation

/// What one event tells the ops read model: facts about a booking, or about one ticket (whose
/// booking only `TicketBookingConfirmed_v1` names).
public enum OpsReadModelChange: Sendable, Equatable {
    case booking(bookingID: UUID, bookedAt: Date, at: Date)
    case ticket(ticketID: UUID, bookingID: UUID?, facts: OpsTicket, at: Date)
}

/// The ops read model as a pure fold over events. Merging is commutative and idempotent, so the
/// document is the same whatever order (and however often) the events arrive: each group of
/// fields (confirmation, receipt, print, refund) keeps the values of its earliest occurrence.
public enum OpsReadModelProjection {
    /// The change an event makes, `nil` for events the read model does not follow.
    public static func change(for message: any BusMessage) -> OpsReadModelChange? {
        let at = message.header.publishedAt
        switch message {
        case let event as BookingMade_v1:
            return .booking(bookingID: event.bookingID, bookedAt: at, at: at)
        case let event as TicketBookingConfirmed_v1:
            return .ticket(ticketID: event.ticketID, bookingID: event.bookingID, facts: OpsTicket(
                priceAmount: event.price.amount, priceCurrency: event.price.currency,
                customerEmail: event.customerEmail, confirmedAt: at
            ), at: at)
        case let event as TicketReceiptIssued_v1:
            return .ticket(ticketID: event.ticketID, bookingID: nil, facts: OpsTicket(
                receiptIssuedAt: event.issuedAt, receiptNumber: event.receiptNumber
            ), at: at)
        case let event as TicketPrinted_v1:
            return .ticket(ticketID: event.ticketID, bookingID: nil, facts: OpsTicket(
                printedAt: at, printedFileName: event.fileName
            ), at: at)
        case let event as TicketRefunded_v1:
            return .ticket(ticketID: event.ticketID, bookingID: nil, facts: OpsTicket(refundedAt: at), at: at)
        default:
            return nil
        }
    }

    /// The facts of both, each group of fields from its earliest occurrence.
    public static func merge(_ a: OpsTicket, _ b: OpsTicket) -> OpsTicket {
        var merged = OpsTicket()
        let confirmation = earliest(
            (a.confirmedAt, [a.priceAmount, a.priceCurrency, a.customerEmail]),
            (b.confirmedAt, [b.priceAmount, b.priceCurrency, b.customerEmail])
        )
        merged.confirmedAt = confirmation.0
        (merged.priceAmount, merged.priceCurrency, merged.customerEmail) = (confirmation.1[0], confirmation.1[1], confirmation.1[2])
        (merged.receiptIssuedAt, merged.receiptNumber) = earliest((a.receiptIssuedAt, a.receiptNumber), (b.receiptIssuedAt, b.receiptNumber))
        (merged.printedAt, merged.printedFileName) = earliest((a.printedAt, a.printedFileName), (b.printedAt, b.printedFileName))
        merged.refundedAt = earliest((a.refundedAt, nil as String?), (b.refundedAt, nil)).0
        return merged
    }

    /// The pair with the earlier time; a pair without a time loses; equal times are broken by
    /// the values, so the choice never depends on which argument came first.
    private static func earliest<Value>(_ a: (Date?, Value), _ b: (Date?, Value)) -> (Date?, Value) where Value: TieBreakable {
        switch (a.0, b.0) {
        case (nil, _): b
        case (_, nil): a
        case let (timeA?, timeB?) where timeA != timeB: timeA < timeB ? a : b
        default: a.1.tieBreakKey <= b.1.tieBreakKey ? a : b
        }
    }

    /// The booking document from its facts: `bookedAt` once `BookingMade_v1` was seen, and the
    /// latest time any of its events carried as `lastUpdate`.
    public static func document(bookingID: UUID, bookedAt: Date?, bookingLastUpdate: Date?, tickets: [UUID: (facts: OpsTicket, lastUpdate: Date)]) -> OpsBooking {
        let lastUpdate = ([bookingLastUpdate].compactMap { $0 } + tickets.values.map(\.lastUpdate)).max() ?? Date(timeIntervalSince1970: 0)
        return OpsBooking(bookingID: bookingID, bookedAt: bookedAt, lastUpdate: lastUpdate, tickets: tickets.mapValues(\.facts))
    }
}

/// Values that pick a winner between two facts of the same time.
protocol TieBreakable {
    var tieBreakKey: String { get }
}

extension Optional: TieBreakable where Wrapped == String {
    var tieBreakKey: String { self ?? "" }
}

extension Array: TieBreakable where Element == String? {
    var tieBreakKey: String { map { $0 ?? "" }.joined(separator: "\u{0}") }
}
