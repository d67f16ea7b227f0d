import Adapters
import Entities
import Foundation
import Testing
import TestSupport

/// One event delivered to the ops read model handler: the change it makes, under the key of its
/// message and with the idempotency key of its header.
struct OpsReadModelDelivery: Sendable {
    var change: OpsReadModelChange
    var key: ProcessingKey
    var idempotencyKey: String

    init(_ event: some BusMessage) throws {
        change = try #require(OpsReadModelProjection.change(for: event), "\(type(of: event).name) changes the ops read model")
        key = ProcessingKey(handler: "UpdateOpsReadModelOn\(type(of: event).name)", messageUUID: UUID().uuidString.lowercased())
        idempotencyKey = event.header.idempotencyKey
    }

    func apply(to readModel: PostgresOpsReadModel) async throws {
        try await readModel.apply(change, once: key, idempotencyKey: idempotencyKey)
    }
}

/// Events of the ops read model as they happen, at whole (or exactly binary) seconds so that
/// times survive Postgres' microseconds unchanged.
enum OpsReadModelEvents {
    static func at(_ seconds: Double) -> Date {
        PersistenceSamples.startTime.addingTimeInterval(seconds)
    }

    static func header(_ seconds: Double) -> EventHeader {
        EventHeader(id: UUID(), publishedAt: at(seconds), idempotencyKey: "key-\(UUID().uuidString.lowercased())")
    }

    static func booked(_ bookingID: UUID, at seconds: Double) -> BookingMade_v1 {
        BookingMade_v1(header: header(seconds), bookingID: bookingID, showID: UUID(), numberOfTickets: 3, customerEmail: "ana@example.com")
    }

    static func confirmed(
        _ ticketID: UUID, of bookingID: UUID, at seconds: Double, amount: String = "100.00", email: String = "ana@example.com"
    ) -> TicketBookingConfirmed_v1 {
        TicketBookingConfirmed_v1(
            header: header(seconds), ticketID: ticketID, customerEmail: email, price: Money(amount: amount, currency: "EUR"),
            bookingID: bookingID)
    }

    static func receipt(_ ticketID: UUID, number: String, issuedAt issued: Double, publishedAt published: Double) -> TicketReceiptIssued_v1 {
        TicketReceiptIssued_v1(header: header(published), ticketID: ticketID, receiptNumber: number, issuedAt: at(issued))
    }

    static func printed(_ ticketID: UUID, at seconds: Double) -> TicketPrinted_v1 {
        TicketPrinted_v1(header: header(seconds), ticketID: ticketID, fileName: "\(ticketID.uuidString.lowercased())-ticket.html")
    }

    static func refunded(_ ticketID: UUID, at seconds: Double) -> TicketRefunded_v1 {
        TicketRefunded_v1(header: header(seconds), ticketID: ticketID)
    }

    /// Three bookings of three tickets each going through everything: booked, confirmed (one
    /// confirmation sent again later with another email), receipt issued, printed, and one ticket
    /// of each booking refunded.
    static func threeBookings() throws -> [OpsReadModelDelivery] {
        try (0..<3).flatMap { booking -> [OpsReadModelDelivery] in
            let bookingID = UUID()
            let base = Double(booking * 100)
            let ticketIDs = (0..<3).map { _ in UUID() }
            var deliveries = try [OpsReadModelDelivery(booked(bookingID, at: base))]
            for (index, ticketID) in ticketIDs.enumerated() {
                let offset = base + Double(index)
                deliveries += try [
                    OpsReadModelDelivery(confirmed(ticketID, of: bookingID, at: offset + 1, amount: "\(index + 1)0.00")),
                    OpsReadModelDelivery(receipt(ticketID, number: "R-\(booking)-\(index)", issuedAt: offset + 10, publishedAt: offset + 11)),
                    OpsReadModelDelivery(printed(ticketID, at: offset + 20)),
                ]
            }
            deliveries.append(try OpsReadModelDelivery(refunded(ticketIDs[0], at: base + 30)))
            deliveries.append(try OpsReadModelDelivery(confirmed(ticketIDs[1], of: bookingID, at: base + 40, email: "ana.resent@example.com")))
            return deliveries
        }
    }

    /// The documents the deliveries make, folded in memory as the repository should.
    static func expectedDocuments(_ deliveries: [OpsReadModelDelivery]) -> [UUID: OpsBooking] {
        OpsReadModelFold(deliveries.map(\.change)).documents
    }
}

extension PostgresOpsReadModel {
    /// Every document, by booking id.
    func allDocuments() async throws -> [UUID: OpsBooking] {
        let documents = try await bookings(receiptIssuedOn: nil, after: nil, limit: 1000)
        return Dictionary(uniqueKeysWithValues: documents.map { ($0.bookingID, $0) })
    }
}
