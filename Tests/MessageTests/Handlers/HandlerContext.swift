import Foundation
import Logging
import Message

extension MessageContext {
    /// The context of the first delivery of a new message to the handler `name`.
    static func delivery(to name: String, messageUUID: String = UUID().uuidString.lowercased()) -> MessageContext {
        MessageContext(messageUUID: messageUUID, handlerName: name, attempt: 1, logger: .quiet)
    }
}
