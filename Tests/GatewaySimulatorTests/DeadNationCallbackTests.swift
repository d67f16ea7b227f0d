import Foundation
import GatewaySimulator
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite struct DeadNationCallbackTests {
    struct RecordedBooking: Decodable, Equatable {
        var booking_id: String
        var customer_address: String
        var event_id: String
        var number_of_tickets: Int
        var correlation_id: String?
        var repeats: Int
    }

    @Test func aBookingIsCalledBackWithOneConfirmedTicketPerSeat() async throws {
        let poster = RecordingCallbackPoster()
        try await withSimulator(callbackPoster: poster) { client in
            let bookingID = UUID().uuidString.lowercased()
            let response = try await client.send(
                .post, "/dead-nation-api/ticket/booking",
                body: bookingBody(bookingID: bookingID, email: "fan@example.com", tickets: 3),
                headers: [.contentType: "application/json", HTTPField.Name("Correlation-ID")!: "corr-booking"]
            )
            #expect(response.status == .ok)

            let callbacks = try await eventually("the callback", { poster.received }, until: { !$0.isEmpty })
            let callback = try #require(callbacks.first)
            #expect(callback.url == "http://tickets.test:8080/tickets-status")
            #expect(callback.idempotencyKey == "dead-nation-\(bookingID)")
            #expect(callback.correlationID == "corr-booking")
            let payload = try JSONDecoder().decode(TicketsStatusPayload.self, from: callback.body)
            #expect(payload.tickets.count == 3)
            #expect(Set(payload.tickets.map(\.ticketID)).count == 3)
            #expect(payload.tickets.allSatisfy { UUID(uuidString: $0.ticketID) != nil })
            #expect(payload.tickets.allSatisfy {
                $0.status == "confirmed" && $0.customerEmail == "fan@example.com" && $0.bookingID == bookingID
                    && $0.price == .init(amount: "87.50", currency: "PLN")
            })

            let deliveries = try await eventually(
                "the delivery state", { try await client.inspect("/_sim/callbacks", as: [CallbackDelivery].self) },
                until: { $0.first?.state == "delivered" }
            )
            #expect(deliveries.first?.attempts == 1)
            #expect(deliveries.first?.ticket_ids == payload.tickets.map(\.ticketID))
        }
    }

    @Test func theCallbackBodyUsesTheContractsFieldNames() throws {
        let payload = TicketsStatusPayload(tickets: [
            .init(ticketID: "t", status: "confirmed", customerEmail: "e", price: .init(amount: "1.00", currency: "EUR"), bookingID: "b"),
        ])
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(payload)) as? [String: [[String: Any]]]
        let ticket = try #require(json?["tickets"]?.first)
        #expect(Set(ticket.keys) == ["ticket_id", "status", "customer_email", "price", "booking_id"])
        #expect(ticket["price"] as? [String: String] == ["amount": "1.00", "currency": "EUR"])
    }

    @Test func aRepeatedBookingIsCountedNotBookedAgain() async throws {
        let poster = RecordingCallbackPoster()
        try await withSimulator(callbackPoster: poster) { client in
            let body = bookingBody(tickets: 2)
            #expect(try await client.send(.post, "/dead-nation-api/ticket/booking", body: body).status == .ok)
            #expect(try await client.send(.post, "/dead-nation-api/ticket/booking", body: body).status == .ok)
            let bookings = try await client.inspect("/_sim/dead-nation/bookings", as: [RecordedBooking].self)
            #expect(bookings.count == 1)
            #expect(bookings.first?.repeats == 1)
            #expect(bookings.first?.number_of_tickets == 2)
            _ = try await eventually(
                "the delivery", { try await client.inspect("/_sim/callbacks", as: [CallbackDelivery].self) },
                until: { $0.first?.state == "delivered" }
            )
            #expect(poster.received.count == 1)
        }
    }

    @Test func aFailingReceiverIsRetriedWithTheSameCallback() async throws {
        let poster = RecordingCallbackPoster(script: [.failure, .status(503), .status(200)])
        try await withSimulator(callbackPoster: poster) { client in
            _ = try await client.send(.post, "/dead-nation-api/ticket/booking", body: bookingBody(tickets: 1))
            let deliveries = try await eventually(
                "the delivery", { try await client.inspect("/_sim/callbacks", as: [CallbackDelivery].self) },
                until: { $0.first?.state == "delivered" }
            )
            #expect(deliveries.first?.attempts == 3)
            #expect(deliveries.first?.last_status == 200)
            #expect(deliveries.first?.last_error?.contains("Refused") == true)
            let attempts = poster.received
            #expect(attempts.count == 3)
            #expect(Set(attempts).count == 1)
        }
    }

    @Test func callbacksSpreadOverTheInstancesInTurn() async throws {
        let poster = RecordingCallbackPoster()
        let instances = ["http://a.test:1", "http://b.test:2/", "http://c.test:3"]
        try await withSimulator(callbackPoster: poster, ticketsServiceURLs: instances) { client in
            for _ in 0..<4 {
                _ = try await client.send(.post, "/dead-nation-api/ticket/booking", body: bookingBody(tickets: 1))
            }
            let attempts = try await eventually("the callbacks", { poster.received }, until: { $0.count == 4 })
            #expect(attempts.map(\.url).sorted() == [
                "http://a.test:1/tickets-status", "http://a.test:1/tickets-status",
                "http://b.test:2/tickets-status", "http://c.test:3/tickets-status",
            ])
        }
    }

    @Test func aFailedAttemptIsRetriedOnTheNextInstance() async throws {
        let poster = RecordingCallbackPoster(script: [.failure, .status(503), .status(200)])
        let instances = ["http://a.test:1", "http://b.test:2"]
        try await withSimulator(callbackPoster: poster, ticketsServiceURLs: instances) { client in
            _ = try await client.send(.post, "/dead-nation-api/ticket/booking", body: bookingBody(tickets: 1))
            _ = try await eventually(
                "the delivery", { try await client.inspect("/_sim/callbacks", as: [CallbackDelivery].self) },
                until: { $0.first?.state == "delivered" }
            )
            #expect(poster.received.map(\.url) == [
                "http://a.test:1/tickets-status", "http://b.test:2/tickets-status", "http://a.test:1/tickets-status",
            ])
            #expect(Set(poster.received.map(\.idempotencyKey)).count == 1)
            #expect(Set(poster.received.map(\.body)).count == 1)
        }
    }

    @Test func aReceiverThatNeverRecoversExhaustsTheAttempts() async throws {
        let poster = RecordingCallbackPoster(script: Array(repeating: .status(500), count: 10))
        try await withSimulator(callbackPoster: poster, callbackRetry: .init(maxAttempts: 3, initialBackoff: .milliseconds(5))) { client in
            _ = try await client.send(.post, "/dead-nation-api/ticket/booking", body: bookingBody(tickets: 1))
            let deliveries = try await eventually(
                "the delivery", { try await client.inspect("/_sim/callbacks", as: [CallbackDelivery].self) },
                until: { $0.first?.state == "failed" }
            )
            #expect(deliveries.first?.attempts == 3)
            #expect(poster.received.count == 3)
        }
    }

    @Test func aClientErrorIsNotRetried() async throws {
        let poster = RecordingCallbackPoster(script: [.status(400)])
        try await withSimulator(callbackPoster: poster) { client in
            _ = try await client.send(.post, "/dead-nation-api/ticket/booking", body: bookingBody(tickets: 1))
            let deliveries = try await eventually(
                "the delivery", { try await client.inspect("/_sim/callbacks", as: [CallbackDelivery].self) },
                until: { $0.first?.state == "failed" }
            )
            #expect(deliveries.first?.attempts == 1)
            #expect(deliveries.first?.last_status == 400)
            #expect(poster.received.count == 1)
        }
    }

    @Test func withoutAPosterThereAreNoCallbacks() async throws {
        try await withSimulator(callbackPoster: nil) { client in
            let response = try await client.send(.post, "/dead-nation-api/ticket/booking", body: bookingBody(tickets: 1))
            #expect(response.status == .ok)
            #expect(try await client.inspect("/_sim/dead-nation/bookings", as: [AnyRecord].self).count == 1)
            #expect(try await client.inspect("/_sim/callbacks", as: [CallbackDelivery].self).isEmpty)
        }
    }

    @Test func resetCancelsPendingCallbacks() async throws {
        let poster = RecordingCallbackPoster()
        // The delay leaves the reset ample time to come first, even on a loaded machine.
        try await withSimulator(callbackPoster: poster, callbackDelay: .milliseconds(1500)) { client in
            _ = try await client.send(.post, "/dead-nation-api/ticket/booking", body: bookingBody(tickets: 1))
            #expect(try await client.inspect("/_sim/callbacks", as: [CallbackDelivery].self).first?.state == "scheduled")
            _ = try await client.send(.post, "/_sim/reset")
            try await Task.sleep(for: .milliseconds(2000))
            #expect(poster.received.isEmpty)
            #expect(try await client.inspect("/_sim/callbacks", as: [CallbackDelivery].self).isEmpty)
        }
    }
}
