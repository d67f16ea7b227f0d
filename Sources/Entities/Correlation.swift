/// The correlation id of the work in progress. HTTP requests and consumed messages bind it for
/// the duration of their task, so every message and gateway call they cause carries it without
/// threading it through each signature.
public enum Correlation {
    @TaskLocal public static var id: String?
}
