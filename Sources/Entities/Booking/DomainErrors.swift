import Foundation

/// Why a show could not be created.
public enum ShowCreationError: Error, Equatable {
    /// A show with that Dead Nation id exists already: `existingShowID`.
    case duplicateDeadNationID(existingShowID: UUID)
    /// Shows of a batch whose Dead Nation ids have shows already: Dead Nation id → existing show.
    case duplicateDeadNationIDs([UUID: UUID])
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
