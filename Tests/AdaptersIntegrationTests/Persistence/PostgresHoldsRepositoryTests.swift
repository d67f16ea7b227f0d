import Adapters
import Entities
import Foundation
import Message
import Testing

@Suite("Postgres holds repository")
struct PostgresHoldsRepositoryTests {
    @Test("a hold stores its row, counts in held_seats and publishes SeatsHeld_v1 with the database's expiry")
    func holdWritesRowSeatsAndEvent() async throws {
        try await PersistenceTestContext.run { context in
            let show = try await context.createShow(capacity: 10)
            let request = PersistenceSamples.holdRequest(of: show.showID, seats: 3, ttlSeconds: 90)
            let hold = try await Correlation.$id.withValue("correlation-hold") {
                try await context.holds.hold(request)
            }

            #expect(hold.holdID == request.holdID && hold.numberOfTickets == 3 && hold.showID == show.showID)
            let row = try #require(try await context.postgres.query(
                "SELECT state, expires_at, extract(epoch FROM expires_at - created_at)::int AS ttl FROM holds WHERE hold_id = $1", [hold.holdID]
            ).first)
            #expect(try row.decode(String.self, column: "state") == "held")
            #expect(try row.decode(Int.self, column: "ttl") == 90)
            #expect(try row.decode(Date.self, column: "expires_at") == hold.expiresAt)
            #expect(try await Self.seats(of: show, in: context) == Seats(booked: 0, held: 3))

            let outbox = try await context.outbox()
            #expect(outbox.map(\.topic) == ["events", "events.SeatsHeld_v1"])
            let envelope = try #require(outbox.first?.envelope)
            #expect(envelope.metadata[MetadataKey.correlationID] == "correlation-hold")
            let event = try BusMessageMarshaler.unmarshal(envelope, as: SeatsHeld_v1.self)
            #expect(event == SeatsHeld_v1(header: event.header, hold: hold))
            #expect(event.header.idempotencyKey == request.idempotencyKey)
        }
    }

    @Test("holding more than is free is notEnoughSeats, an unknown show showNotFound; neither writes anything")
    func refusedHoldsWriteNothing() async throws {
        try await PersistenceTestContext.run { context in
            let show = try await context.createShow(capacity: 3)
            let (booking, event) = PersistenceSamples.booking(of: show.showID, seats: 2)
            try await context.bookings.book(booking, publishing: event)
            let outboxBefore = try await context.outbox()

            await #expect(throws: BookingError.notEnoughSeats) {
                try await context.holds.hold(PersistenceSamples.holdRequest(of: show.showID, seats: 2))
            }
            await #expect(throws: BookingError.showNotFound) {
                try await context.holds.hold(PersistenceSamples.holdRequest(of: UUID(), seats: 1))
            }
            #expect(try await context.rowCount(of: .holds) == 0)
            #expect(try await context.outbox() == outboxBefore)
            #expect(try await Self.seats(of: show, in: context) == Seats(booked: 2, held: 0))
        }
    }

    @Test("held seats are not bookable by others")
    func heldSeatsCountAgainstBookings() async throws {
        try await PersistenceTestContext.run { context in
            let show = try await context.createShow(capacity: 3)
            _ = try await context.holds.hold(PersistenceSamples.holdRequest(of: show.showID, seats: 2))
            let (tooMany, tooManyEvent) = PersistenceSamples.booking(of: show.showID, seats: 2)
            await #expect(throws: BookingError.notEnoughSeats) {
                try await context.bookings.book(tooMany, publishing: tooManyEvent)
            }
            let (last, lastEvent) = PersistenceSamples.booking(of: show.showID, seats: 1)
            try await context.bookings.book(last, publishing: lastEvent)
            #expect(try await Self.seats(of: show, in: context) == Seats(booked: 1, held: 2))
        }
    }

    @Test("booking a hold moves its seats to booked, stores the booking and publishes BookingMade_v1; a second time is alreadyBooked")
    func bookingAHoldOnce() async throws {
        try await PersistenceTestContext.run { context in
            let show = try await context.createShow(capacity: 5)
            let hold = try await context.holds.hold(PersistenceSamples.holdRequest(of: show.showID, seats: 2, email: "bo@example.com"))
            let bookingID = UUID()
            let booking = try await context.holds.book(holdID: hold.holdID, bookingID: bookingID, idempotencyKey: "key-1")

            #expect(booking == Booking(bookingID: bookingID, showID: show.showID, numberOfTickets: 2, customerEmail: "bo@example.com"))
            #expect(try await Self.seats(of: show, in: context) == Seats(booked: 2, held: 0))
            let row = try #require(try await context.postgres.query("SELECT state, booking_id FROM holds WHERE hold_id = $1", [hold.holdID]).first)
            #expect(try row.decode(String.self, column: "state") == "booked")
            #expect(try row.decode(UUID.self, column: "booking_id") == bookingID)
            let made = try #require(try await context.outbox().last)
            #expect(made.topic == "events.BookingMade_v1")
            let event = try BusMessageMarshaler.unmarshal(made.envelope, as: BookingMade_v1.self)
            #expect(event == BookingMade_v1(header: event.header, booking: booking))
            #expect(event.header.idempotencyKey == "key-1")

            await #expect(throws: HoldError.alreadyBooked(bookingID: bookingID)) {
                try await context.holds.book(holdID: hold.holdID, bookingID: UUID(), idempotencyKey: "key-2")
            }
            await #expect(throws: HoldError.alreadyBooked(bookingID: bookingID)) {
                try await context.holds.release(holdID: hold.holdID, idempotencyKey: "release")
            }
            #expect(try await context.rowCount(of: .bookings) == 1)
            #expect(try await Self.seats(of: show, in: context) == Seats(booked: 2, held: 0))
        }
    }

    @Test("20 concurrent bookings of one hold: exactly one books it")
    func concurrentBookingsOfOneHold() async throws {
        try await PersistenceTestContext.run(poolSize: 8) { context in
            let show = try await context.createShow(capacity: 5)
            let holds = context.holds
            let hold = try await holds.hold(PersistenceSamples.holdRequest(of: show.showID, seats: 3))
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<20 {
                    group.addTask {
                        do {
                            _ = try await holds.book(holdID: hold.holdID, bookingID: UUID(), idempotencyKey: "k")
                            return true
                        } catch HoldError.alreadyBooked {
                            return false
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1)
            #expect(try await context.rowCount(of: .bookings) == 1)
            #expect(try await Self.seats(of: show, in: context) == Seats(booked: 3, held: 0))
        }
    }

    @Test("a release gives the seats back at once with SeatsReleased_v1; releasing again changes nothing; a released hold cannot be booked")
    func releaseIsImmediateAndIdempotent() async throws {
        try await PersistenceTestContext.run { context in
            let show = try await context.createShow(capacity: 2)
            let holds = context.holds
            let hold = try await holds.hold(PersistenceSamples.holdRequest(of: show.showID, seats: 2))
            try await holds.release(holdID: hold.holdID, idempotencyKey: "release-key")
            #expect(try await Self.seats(of: show, in: context) == Seats(booked: 0, held: 0))
            let released = try #require(try await context.outbox().last)
            let event = try BusMessageMarshaler.unmarshal(released.envelope, as: SeatsReleased_v1.self)
            #expect(event.holdID == hold.holdID && event.showID == show.showID && event.numberOfTickets == 2)
            #expect(event.reason == .released && event.header.idempotencyKey == "release-key")

            let outboxAfterRelease = try await context.outbox()
            try await holds.release(holdID: hold.holdID, idempotencyKey: "release-key")
            #expect(try await context.outbox() == outboxAfterRelease)
            await #expect(throws: HoldError.released) {
                try await holds.book(holdID: hold.holdID, bookingID: UUID(), idempotencyKey: "k")
            }
            // The seats are free for the next buyer.
            _ = try await holds.hold(PersistenceSamples.holdRequest(of: show.showID, seats: 2))
        }
    }

    @Test("an unknown hold is holdNotFound for booking and releasing")
    func unknownHold() async throws {
        try await PersistenceTestContext.run { context in
            await #expect(throws: HoldError.holdNotFound) {
                try await context.holds.book(holdID: UUID(), bookingID: UUID(), idempotencyKey: "k")
            }
            await #expect(throws: HoldError.holdNotFound) {
                try await context.holds.release(holdID: UUID(), idempotencyKey: "k")
            }
            let written = try await context.rowCounts(of: [.bookings, .outbox])
            #expect(written == [.bookings: 0, .outbox: 0])
        }
    }

    @Test("an expired hold is free at once for availability, holds and bookings, and cannot be booked")
    func expiredHoldsAreFreeBeforeTheSweep() async throws {
        try await PersistenceTestContext.run { context in
            let show = try await context.createShow(capacity: 4)
            let holds = context.holds
            let shows = PostgresShowsRepository(client: context.postgres)
            let first = try await holds.hold(PersistenceSamples.holdRequest(of: show.showID, seats: 2))
            let second = try await holds.hold(PersistenceSamples.holdRequest(of: show.showID, seats: 2))
            try await Self.expire([first.holdID, second.holdID], in: context)

            let availability = try #require(try await shows.availability(of: show.showID))
            #expect(availability.held == 0 && availability.booked == 0 && availability.available == 4)

            await #expect(throws: HoldError.expired) {
                try await holds.book(holdID: first.holdID, bookingID: UUID(), idempotencyKey: "k")
            }
            #expect(try await Self.seats(of: show, in: context) == Seats(booked: 0, held: 2))
            #expect(try await Self.state(of: first.holdID, in: context) == "expired")

            // The show looks full, so the booking first releases the other expired hold.
            let (booking, event) = PersistenceSamples.booking(of: show.showID, seats: 4)
            try await context.bookings.book(booking, publishing: event)
            #expect(try await Self.seats(of: show, in: context) == Seats(booked: 4, held: 0))
            #expect(try await Self.state(of: second.holdID, in: context) == "expired")

            let released = try await context.outbox().filter { $0.topic == "events.SeatsReleased_v1" }
                .map { try BusMessageMarshaler.unmarshal($0.envelope, as: SeatsReleased_v1.self) }
            #expect(Set(released.map(\.holdID)) == [first.holdID, second.holdID])
            #expect(released.allSatisfy { $0.reason == .expired })
        }
    }

    @Test("a new hold on a full show releases that show's expired holds first")
    func holdReleasesExpiredHoldsOfAFullShow() async throws {
        try await PersistenceTestContext.run { context in
            let show = try await context.createShow(capacity: 2)
            let holds = context.holds
            let old = try await holds.hold(PersistenceSamples.holdRequest(of: show.showID, seats: 2))
            await #expect(throws: BookingError.notEnoughSeats) {
                try await holds.hold(PersistenceSamples.holdRequest(of: show.showID, seats: 1))
            }
            try await Self.expire([old.holdID], in: context)
            _ = try await holds.hold(PersistenceSamples.holdRequest(of: show.showID, seats: 1))
            #expect(try await Self.seats(of: show, in: context) == Seats(booked: 0, held: 1))
            #expect(try await Self.state(of: old.holdID, in: context) == "expired")
        }
    }

    @Test("releasing a hold after its time ran out records it as expired, and changes nothing the second time")
    func releasingAnExpiredHold() async throws {
        try await PersistenceTestContext.run { context in
            let show = try await context.createShow(capacity: 2)
            let holds = context.holds
            let hold = try await holds.hold(PersistenceSamples.holdRequest(of: show.showID, seats: 2))
            try await Self.expire([hold.holdID], in: context)
            try await holds.release(holdID: hold.holdID, idempotencyKey: "k")
            try await holds.release(holdID: hold.holdID, idempotencyKey: "k")
            #expect(try await Self.state(of: hold.holdID, in: context) == "expired")
            #expect(try await Self.seats(of: show, in: context) == Seats(booked: 0, held: 0))
            #expect(try await context.outbox().filter { $0.topic == "events.SeatsReleased_v1" }.count == 1)
        }
    }

    @Test("the sweep releases expired holds of every show in batches, leaves live ones, and publishes one event each")
    func sweepReleasesExpiredHolds() async throws {
        try await PersistenceTestContext.run { context in
            let holds = context.holds
            let showA = try await context.createShow(capacity: 10)
            let showB = try await context.createShow(capacity: 10)
            var expired: [UUID] = []
            for show in [showA, showB] {
                for _ in 0..<3 { expired.append(try await holds.hold(PersistenceSamples.holdRequest(of: show.showID, seats: 2)).holdID) }
            }
            let live = try await holds.hold(PersistenceSamples.holdRequest(of: showA.showID, seats: 1))
            try await Self.expire(expired, in: context)

            #expect(try await holds.releaseExpiredHolds(limit: 4) == 4)
            #expect(try await holds.releaseExpiredHolds(limit: 4) == 2)
            #expect(try await holds.releaseExpiredHolds(limit: 4) == 0)

            #expect(try await Self.seats(of: showA, in: context) == Seats(booked: 0, held: 1))
            #expect(try await Self.seats(of: showB, in: context) == Seats(booked: 0, held: 0))
            #expect(try await Self.state(of: live.holdID, in: context) == "held")
            let released = try await context.outbox().filter { $0.topic == "events.SeatsReleased_v1" }
                .map { try BusMessageMarshaler.unmarshal($0.envelope, as: SeatsReleased_v1.self) }
            #expect(released.map(\.holdID).sorted { $0.uuidString < $1.uuidString } == expired.sorted { $0.uuidString < $1.uuidString })
            #expect(released.allSatisfy { $0.reason == .expired && $0.header.idempotencyKey == "expired-\($0.holdID.uuidString.lowercased())" })
        }
    }

    @Test("sweepers of several instances at once release each expired hold exactly once")
    func concurrentSweepsReleaseEachHoldOnce() async throws {
        try await PersistenceTestContext.run(poolSize: 8) { context in
            let show = try await context.createShow(capacity: 100)
            let holds = context.holds
            var expired: [UUID] = []
            for _ in 0..<60 { expired.append(try await holds.hold(PersistenceSamples.holdRequest(of: show.showID, seats: 1)).holdID) }
            try await Self.expire(expired, in: context)

            let released = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        var released = 0
                        while true {
                            let batch = try await holds.releaseExpiredHolds(limit: 7)
                            if batch == 0 { return released }
                            released += batch
                        }
                    }
                }
                return try await group.reduce(0, +)
            }
            #expect(released == 60)
            #expect(try await Self.seats(of: show, in: context) == Seats(booked: 0, held: 0))
            let events = try await context.outbox().filter { $0.topic == "events.SeatsReleased_v1" }
            #expect(events.count == 60)
            #expect(Set(try events.map { try BusMessageMarshaler.unmarshal($0.envelope, as: SeatsReleased_v1.self).holdID }) == Set(expired))
        }
    }

    @Test("many concurrent holds, bookings, hold bookings and releases on one show never exceed its capacity")
    func concurrentMixNeverOversells() async throws {
        try await PersistenceTestContext.run(poolSize: 8) { context in
            let capacity = 40
            let show = try await context.createShow(capacity: capacity)
            let holds = context.holds
            let bookings = context.bookings
            try await withThrowingTaskGroup(of: Void.self) { group in
                for client in 0..<120 {
                    group.addTask {
                        do {
                            switch client % 3 {
                            case 0:
                                let (booking, event) = PersistenceSamples.booking(of: show.showID, seats: 1 + client % 2)
                                try await bookings.book(booking, publishing: event)
                            case 1:
                                let hold = try await holds.hold(PersistenceSamples.holdRequest(of: show.showID, seats: 1 + client % 2))
                                _ = try await holds.book(holdID: hold.holdID, bookingID: UUID(), idempotencyKey: "k")
                            default:
                                let hold = try await holds.hold(PersistenceSamples.holdRequest(of: show.showID, seats: 2))
                                try await holds.release(holdID: hold.holdID, idempotencyKey: "k")
                            }
                        } catch BookingError.notEnoughSeats {
                            // Sold out: the expected answer once the seats are gone.
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await Self.seats(of: show, in: context).booked <= capacity)
            // Whatever is left is still bookable, seat by seat, up to exactly the capacity: no seat was lost either.
            while true {
                let (booking, event) = PersistenceSamples.booking(of: show.showID, seats: 1)
                do { try await bookings.book(booking, publishing: event) } catch BookingError.notEnoughSeats { break }
            }
            let seats = try await Self.seats(of: show, in: context)
            #expect(seats == Seats(booked: capacity, held: 0))
            let sums = try await context.postgres.query("""
                SELECT (SELECT coalesce(sum(number_of_tickets), 0) FROM bookings WHERE show_id = $1)::int AS booked,
                       (SELECT coalesce(sum(number_of_tickets), 0) FROM holds WHERE show_id = $1 AND state = 'held')::int AS held
                """, [show.showID])[0]
            #expect(try sums.decode(Int.self, column: "booked") == seats.booked)
            #expect(try sums.decode(Int.self, column: "held") == 0)
        }
    }

    // MARK: Helpers

    struct Seats: Equatable {
        var booked: Int
        var held: Int
    }

    private static func seats(of show: Show, in context: PersistenceTestContext) async throws -> Seats {
        let row = try await context.postgres.query("SELECT booked_seats, held_seats FROM shows WHERE show_id = $1", [show.showID])[0]
        return Seats(booked: try row.decode(column: "booked_seats"), held: try row.decode(column: "held_seats"))
    }

    private static func state(of holdID: UUID, in context: PersistenceTestContext) async throws -> String {
        try await context.postgres.query("SELECT state FROM holds WHERE hold_id = $1", [holdID])[0].decode(column: "state")
    }

    /// Moves the holds' expiry into the past: their time ran out, without the test waiting.
    private static func expire(_ holdIDs: [UUID], in context: PersistenceTestContext) async throws {
        for holdID in holdIDs {
            try await context.postgres.execute("UPDATE holds SET expires_at = now() - interval '1 second' WHERE hold_id = $1", [holdID])
        }
    }
}
