import Logging

extension Logger {
    /// A logger that writes nothing: failures the tests cause on purpose would flood the output.
    static let quiet = Logger(label: "tests") { _ in SwiftLogNoOpLogHandler() }
}
