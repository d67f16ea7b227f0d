import Foundation
import Testing

/// Fails when SQL is built by interpolating or concatenating values into a statement: every
/// value must be a bound parameter. Scans every string literal under `Sources/` that looks like
/// SQL for `\(...)` and for a `+` right before or after it.
@Suite struct SQLConstructionLintTests {
    /// A finding: file, line and the start of the literal.
    struct Finding: Hashable, CustomStringConvertible {
        var file: String
        var line: Int
        var literal: String
        var description: String { "\(file):\(line): \(literal)" }
    }

    /// Constructions proven safe, by file and the literal's start.
    static let allowed: Set<[String]> = [
        // The channel name is quoted by PQescapeIdentifier (LISTEN takes no parameters).
        ["Adapters/Postgres/PostgresConnection+Notifications.swift", #"LISTEN \(String(cString: quoted))"#],
        // Only the placeholders `($1, $2, $3, $4), ...` are appended (PostgresValuesList); the
        // values are bound. Outbox rows of one transaction, shows of one bulk request.
        ["Adapters/Persistence/OutboxWriter.swift", "INSERT INTO outbox (topic, message_uuid, payload, metadata) VALUES "],
        ["Adapters/Persistence/PostgresShowsRepository.swift", "INSERT INTO shows (show_id, dead_nation_id, number_of_tickets, start_time, title"],
    ]

    private static let sources = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources")

    private static let sqlKeyword = try! NSRegularExpression(
        pattern: #"\b(SELECT|INSERT INTO|UPDATE|DELETE FROM|CREATE|ALTER|DROP|TRUNCATE|LISTEN|NOTIFY|WHERE|VALUES|ORDER BY|LIMIT)\b"#
    )
    /// Multi-line and single-line string literals, raw (`#"..."#`) or not.
    private static let literal = try! NSRegularExpression(
        pattern: #"(#*)"""([\s\S]*?)"""\1|(#*)"((?:[^"\\\n]|\\.)*)"\3"#
    )

    static func findings(in source: String, file: String) -> [Finding] {
        let text = source as NSString
        var found: [Finding] = []
        for match in literal.matches(in: source, range: NSRange(location: 0, length: text.length)) {
            let multiLine = match.range(at: 2).location != NSNotFound
            let body = text.substring(with: match.range(at: multiLine ? 2 : 4))
            let hashes = text.substring(with: match.range(at: multiLine ? 1 : 3))
            guard sqlKeyword.firstMatch(in: body, range: NSRange(location: 0, length: (body as NSString).length)) != nil else { continue }
            let before = text.substring(to: match.range.location).trimmingCharacters(in: .whitespacesAndNewlines).last
            let after = text.substring(from: match.range.location + match.range.length).trimmingCharacters(in: .whitespacesAndNewlines).first
            guard body.contains("\\" + hashes + "(") || before == "+" || after == "+" else { continue }
            let line = text.substring(to: match.range.location).filter { $0 == "\n" }.count + 1
            found.append(Finding(file: file, line: line, literal: String(body.prefix(80))))
        }
        return found
    }

    @Test func noSQLIsBuiltFromValues() throws {
        let files = try #require(FileManager.default.enumerator(atPath: Self.sources.path)).compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
        #expect(files.count > 50, "found the sources at \(Self.sources.path)")
        var findings: [Finding] = []
        for file in files {
            let source = try String(contentsOf: Self.sources.appendingPathComponent(file), encoding: .utf8)
            findings += Self.findings(in: source, file: file).filter { !Self.allowed.contains([$0.file, $0.literal]) }
        }
        #expect(findings.isEmpty, "SQL built from values; bind them as parameters instead:\n\(findings.map(\.description).joined(separator: "\n"))")
    }

    @Test func theScanCatchesInterpolationAndConcatenation() {
        let samples = ##"""
        try connection.query("SELECT * FROM shows WHERE title = '\(title)'")
        try connection.query("DELETE FROM shows WHERE show_id = " + id)
        try connection.query(table + " WHERE x = 1")
        try connection.query(#"UPDATE shows SET title = '\#(title)'"#)
        try connection.query("""
            SELECT * FROM tickets
            WHERE ticket_id = '\(id)'
            """)
        try connection.query("SELECT * FROM shows WHERE show_id = $1", [id])
        let message = "could not load \(id)"
        """##
        #expect(Self.findings(in: samples, file: "sample.swift").map(\.line) == [1, 2, 3, 4, 5])
    }
}
