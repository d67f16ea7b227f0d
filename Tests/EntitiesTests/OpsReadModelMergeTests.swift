import Entities
import Foundation
import TestSupport
import Testing

/// Updates commute (CONTRACT.md §5): whatever order, and however often, the events arrive, the
/// documents are the same.
@Suite struct OpsReadModelMergeTests {
    static let changes = OpsEvents.all.compactMap(OpsReadModelProjection.change(for:))

    /// Every ticket's facts as single changes carry them, and the empty facts.
    static let facts: [OpsTicket] = [OpsTicket()] + changes.compactMap { change in
        if case let .ticket(_, _, facts, _) = change { facts } else { nil }
    }

    @Test func mergeIsCommutativeAssociativeAndIdempotent() {
        let merge = OpsReadModelProjection.merge
        for a in Self.facts {
            #expect(merge(a, a) == a)
            #expect(merge(a, OpsTicket()) == a)
            for b in Self.facts {
                #expect(merge(a, b) == merge(b, a))
                #expect(merge(merge(a, b), b) == merge(a, b))
                for c in Self.facts {
                    #expect(merge(merge(a, b), c) == merge(a, merge(b, c)))
                }
            }
        }
    }

    @Test func everyOrderAndRedeliveryGivesTheSameDocuments() {
        let expected = OpsReadModelFold(Self.changes).documents
        var random = SeededRandom(seed: 0x0A5B_00C5)
        for _ in 0..<500 {
            let redelivered = Self.changes.filter { _ in Bool.random(using: &random) }
            let order = (Self.changes + redelivered).shuffled(using: &random)
            #expect(OpsReadModelFold(order).documents == expected)
        }
    }

    @Test func documentsKeepTheEarliestOfEachGroupOfFacts() throws {
        let documents = OpsReadModelFold(Self.changes).documents
        let bookingA = try #require(documents[OpsEvents.bookingA])
        #expect(bookingA.bookedAt == OpsEvents.at(0))
        #expect(bookingA.lastUpdate == OpsEvents.at(21))
        #expect(Set(bookingA.tickets.keys) == [OpsEvents.ticketID(1), OpsEvents.ticketID(2), OpsEvents.ticketID(3)])
        #expect(
            bookingA.tickets[OpsEvents.ticketID(2)]
                == OpsTicket(
                    priceAmount: "20.00", priceCurrency: "EUR", customerEmail: "ana@example.com", confirmedAt: OpsEvents.at(1),
                    refundedAt: OpsEvents.at(20), printedAt: OpsEvents.at(5),
                    printedFileName: "\(OpsEvents.ticketID(2).uuidString.lowercased())-ticket.html",
                    receiptIssuedAt: OpsEvents.at(4), receiptNumber: "R-2a"
                ))
        #expect(bookingA.tickets[OpsEvents.ticketID(3)] == OpsTicket(priceAmount: "30.00", priceCurrency: "EUR", customerEmail: "ana@example.com", confirmedAt: OpsEvents.at(2)))
    }

    @Test func ticketEventsBeforeTheirBookingAndConfirmationAreKept() throws {
        let early = [
            OpsEvents.printed(4, at: 33), OpsEvents.refunded(4, at: 45), OpsEvents.confirmed(4, booking: OpsEvents.bookingB, at: 31),
        ].compactMap(OpsReadModelProjection.change(for:))
        let withoutBooking = try #require(OpsReadModelFold(early).documents[OpsEvents.bookingB])
        #expect(withoutBooking.bookedAt == nil)
        #expect(withoutBooking.lastUpdate == OpsEvents.at(45))
        let ticket = try #require(withoutBooking.tickets[OpsEvents.ticketID(4)])
        #expect(ticket.printedAt == OpsEvents.at(33))
        #expect(ticket.refundedAt == OpsEvents.at(45))
        #expect(ticket.confirmedAt == OpsEvents.at(31))
    }
}
