import Adapters
import Entities
import Foundation
import Testing

/// Each client's request exactly as the simulator received it.
@Suite struct GatewayRequestTests {
    @Test func issueReceiptSendsTheReceiptsAPIsFieldsAndReadsTheReceipt() async throws {
        try await GatewayFixture.run { gateway in
            let receipts = gateway.clients().receipts
            let ticketID = UUID()
            let receipt = try await Correlation.$id.withValue("corr-receipt") {
                try await receipts.issueReceipt(ticketID: ticketID, price: Money(amount: "12.50", currency: "EUR"), idempotencyKey: "key-1")
            }
            #expect(receipt.number.wholeMatch(of: /R-[0-9]{6}/) != nil)

            let call = try #require(try await gateway.journal("receipts").first)
            #expect(call.method == "PUT")
            #expect(call.path == "/receipts-api/receipts")
            #expect(call.headers["correlation-id"] == "corr-receipt")
            #expect(call.headers["content-type"] == "application/json")
            #expect(call.json == [
                "ticket_id": .string(ticketID.uuidString.lowercased()),
                "price": ["money_amount": "12.50", "money_currency": "EUR"],
                "idempotency_key": "key-1",
            ])
            #expect(call.status == 201)

            let repeated = try await receipts.issueReceipt(ticketID: ticketID, price: Money(amount: "12.50", currency: "EUR"), idempotencyKey: "key-1")
            #expect(repeated == receipt)
            #expect(try await gateway.journal("receipts").map(\.status) == [201, 200])
        }
    }

    @Test func voidReceiptSendsIdempotentID() async throws {
        try await GatewayFixture.run { gateway in
            let ticketID = UUID()
            try await Correlation.$id.withValue("corr-void") {
                try await gateway.clients().receipts.voidReceipt(ticketID: ticketID, reason: "customer refund", idempotencyKey: "refund-key")
            }
            let call = try #require(try await gateway.journal("receipts").first)
            #expect(call.method == "PUT")
            #expect(call.path == "/receipts-api/void-receipt")
            #expect(call.headers["correlation-id"] == "corr-void")
            #expect(call.json == ["ticket_id": .string(ticketID.uuidString.lowercased()), "reason": "customer refund", "idempotent_id": "refund-key"])
            #expect(call.status == 200)
        }
    }

    @Test func refundPaymentSendsDeduplicationID() async throws {
        try await GatewayFixture.run { gateway in
            try await Correlation.$id.withValue("corr-refund") {
                try await gateway.clients().payments.refundPayment(paymentReference: "ticket-7", reason: "customer refund", deduplicationID: "refund-key")
            }
            let call = try #require(try await gateway.journal("payments").first)
            #expect(call.method == "PUT")
            #expect(call.path == "/payments-api/refunds")
            #expect(call.headers["correlation-id"] == "corr-refund")
            #expect(call.json == ["payment_reference": "ticket-7", "reason": "customer refund", "deduplication_id": "refund-key"])
        }
    }

    @Test func storeFileSendsPlainTextAndTakesAConflictAsSuccess() async throws {
        try await GatewayFixture.run { gateway in
            let files = gateway.clients().files
            try await Correlation.$id.withValue("corr-file") {
                try await files.storeFile(fileID: "t1-ticket.html", content: "<html>t1 100.00 EUR</html>")
                try await files.storeFile(fileID: "t1-ticket.html", content: "<html>again</html>")
            }
            let calls = try await gateway.journal("files")
            #expect(calls.map(\.status) == [201, 409])
            let first = try #require(calls.first)
            #expect(first.method == "PUT")
            #expect(first.path == "/files-api/files/t1-ticket.html/content")
            #expect(first.headers["content-type"] == "text/plain")
            #expect(first.headers["correlation-id"] == "corr-file")
            #expect(first.body == "<html>t1 100.00 EUR</html>")
        }
    }

    @Test func pathSegmentsAreEscaped() async throws {
        try await GatewayFixture.run { gateway in
            try await gateway.clients().files.storeFile(fileID: "a b?c", content: "x")
            try await gateway.clients().spreadsheets.appendRow(sheet: "to print/2", columns: ["x"], idempotencyKey: "k")
            #expect(try await gateway.journal("files").first?.path == "/files-api/files/a%20b%3Fc/content")
            #expect(try await gateway.journal("spreadsheets").first?.path == "/spreadsheets-api/sheets/to%20print%2F2/rows")
        }
    }

    @Test func appendRowPostsTheColumnsWithTheIdempotencyKey() async throws {
        try await GatewayFixture.run { gateway in
            try await Correlation.$id.withValue("corr-row") {
                try await gateway.clients().spreadsheets.appendRow(
                    sheet: "tickets-to-print", columns: ["t1", "a@example.com", "100.00", "EUR"], idempotencyKey: "key-t1"
                )
            }
            let call = try #require(try await gateway.journal("spreadsheets").first)
            #expect(call.method == "POST")
            #expect(call.path == "/spreadsheets-api/sheets/tickets-to-print/rows")
            #expect(call.headers["correlation-id"] == "corr-row")
            #expect(call.headers["idempotency-key"] == "key-t1")
            #expect(call.json == ["columns": ["t1", "a@example.com", "100.00", "EUR"]])
        }
    }

    @Test func bookTicketsPostsTheBooking() async throws {
        try await GatewayFixture.run { gateway in
            let bookingID = UUID(), eventID = UUID()
            try await Correlation.$id.withValue("corr-book") {
                try await gateway.clients().deadNation.bookTickets(
                    bookingID: bookingID, customerAddress: "fan@example.com", eventID: eventID, numberOfTickets: 3
                )
            }
            let call = try #require(try await gateway.journal("dead-nation").first)
            #expect(call.method == "POST")
            #expect(call.path == "/dead-nation-api/ticket/booking")
            #expect(call.headers["correlation-id"] == "corr-book")
            #expect(call.json == [
                "booking_id": .string(bookingID.uuidString.lowercased()),
                "customer_address": "fan@example.com",
                "event_id": .string(eventID.uuidString.lowercased()),
                "number_of_tickets": 3,
            ])
        }
    }

    @Test func aCallOutsideAnyCorrelationGetsAFreshID() async throws {
        try await GatewayFixture.run { gateway in
            try await gateway.clients().payments.refundPayment(paymentReference: "p", reason: "r", deduplicationID: "d1")
            try await gateway.clients().payments.refundPayment(paymentReference: "p", reason: "r", deduplicationID: "d2")
            let ids = try await gateway.journal("payments").compactMap { $0.headers["correlation-id"] }
            #expect(ids.count == 2)
            #expect(ids.allSatisfy { $0.hasPrefix("gen_") })
            #expect(Set(ids).count == 2)
        }
    }

    @Test func successfulCallsAreTimedPerAPI() async throws {
        try await GatewayFixture.run { gateway in
            let clients = gateway.clients()
            _ = try await clients.receipts.issueReceipt(ticketID: UUID(), price: Money(amount: "1.00", currency: "EUR"), idempotencyKey: "k")
            try await clients.spreadsheets.appendRow(sheet: "s", columns: ["a"], idempotencyKey: "a")
            try await clients.spreadsheets.appendRow(sheet: "s", columns: ["b"], idempotencyKey: "b")
            #expect(gateway.recordedDurations(api: "receipts", outcome: "success") == 1)
            #expect(gateway.recordedDurations(api: "spreadsheets", outcome: "success") == 2)
            #expect(gateway.recordedDurations(api: "payments", outcome: "success") == 0)
        }
    }
}
