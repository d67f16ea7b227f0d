import Entities
import Foundation
import Testing

/// What each event tells the ops read model.
@Suite struct OpsReadModelChangeTests {
    @Test func bookingMadeSetsBookedAt() {
        let event = OpsEvents.booked(OpsEvents.bookingA, at: 7)
        #expect(OpsReadModelProjection.change(for: event) == .booking(bookingID: OpsEvents.bookingA, bookedAt: OpsEvents.at(7), at: OpsEvents.at(7)))
    }

    @Test func confirmationSetsPriceEmailAndConfirmedAtAndNamesTheBooking() {
        let event = OpsEvents.confirmed(1, booking: OpsEvents.bookingA, at: 3)
        let facts = OpsTicket(priceAmount: "10.00", priceCurrency: "EUR", customerEmail: "ana@example.com", confirmedAt: OpsEvents.at(3))
        #expect(OpsReadModelProjection.change(for: event) == .ticket(ticketID: OpsEvents.ticketID(1), bookingID: OpsEvents.bookingA, facts: facts, at: OpsEvents.at(3)))
    }

    @Test func receiptSetsNumberAndIssueTimeOfTheReceipt() {
        let event = OpsEvents.receipt(1, number: "R-9", issuedAt: 4, publishedAt: 6)
        let facts = OpsTicket(receiptIssuedAt: OpsEvents.at(4), receiptNumber: "R-9")
        #expect(OpsReadModelProjection.change(for: event) == .ticket(ticketID: OpsEvents.ticketID(1), bookingID: nil, facts: facts, at: OpsEvents.at(6)))
    }

    @Test func printSetsFileNameAndPrintedAt() {
        let event = OpsEvents.printed(1, at: 5, fileName: "f.html")
        let facts = OpsTicket(printedAt: OpsEvents.at(5), printedFileName: "f.html")
        #expect(OpsReadModelProjection.change(for: event) == .ticket(ticketID: OpsEvents.ticketID(1), bookingID: nil, facts: facts, at: OpsEvents.at(5)))
    }

    @Test func refundSetsRefundedAt() {
        let event = OpsEvents.refunded(1, at: 8)
        #expect(OpsReadModelProjection.change(for: event) == .ticket(ticketID: OpsEvents.ticketID(1), bookingID: nil, facts: OpsTicket(refundedAt: OpsEvents.at(8)), at: OpsEvents.at(8)))
    }

    @Test func otherMessagesChangeNothing() {
        let header = OpsEvents.header(1)
        let ticketID = OpsEvents.ticketID(1)
        let others: [any BusMessage] = [
            TicketBookingCanceled_v1(header: header, ticketID: ticketID, customerEmail: "a@b.c", price: Money(amount: "1.00", currency: "EUR"), bookingID: OpsEvents.bookingA),
            RefundTicket(header: header, ticketID: ticketID),
            InternalOpsReadModelUpdated(header: header, bookingID: OpsEvents.bookingA),
        ]
        for message in others {
            #expect(OpsReadModelProjection.change(for: message) == nil, "\(type(of: message).name)")
        }
    }
}
