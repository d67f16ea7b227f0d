import Entities
import Foundation

/// Dead Nation's booking API: `POST /dead-nation-api/ticket/booking`.
public struct DeadNationClient: DeadNationBooking {
    private let caller: GatewayCaller

    public init(configuration: GatewayConfiguration, httpClient: CurlHTTPClient) {
        caller = GatewayCaller(api: .deadNation, configuration: configuration, http: httpClient)
    }

    private struct BookingRequest: Encodable {
        var booking_id: String
        var customer_address: String
        var event_id: String
        var number_of_tickets: Int
    }

    public func bookTickets(bookingID: UUID, customerAddress: String, eventID: UUID, numberOfTickets: Int) async throws {
        let request = BookingRequest(
            booking_id: bookingID.uuidString.lowercased(),
            customer_address: customerAddress,
            event_id: eventID.uuidString.lowercased(),
            number_of_tickets: numberOfTickets
        )
        try await caller.callJSON(.post, "/ticket/booking", body: request)
    }
}
