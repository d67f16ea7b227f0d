import Foundation

/// Why a show could not be created.
public enum ShowCreationError: Error, Equatable {
    /// A show with that Dead Nation id exists already: `existingShowID`.
    case duplicateDeadNationID(existingShowID: UUID)
}

/// Why seats could not be booked.
public enum BookingError: Error, Equatable {
    case showNotFound
    case notEnoughSeats
}

/// Why a refund could not be requested.
public enum RefundError: Error, Equatable {
    case ticketNotFound
}
