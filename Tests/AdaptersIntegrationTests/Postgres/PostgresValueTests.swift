import Adapters
import Foundation
import Testing

@Suite struct PostgresValueTests {
    private static let allTypesTable = """
        CREATE TABLE all_types (
            id uuid, name text, big int8, small int4, flag bool, ratio float8, at timestamptz,
            blob bytea, document jsonb, amount numeric(10,2)
        )
        """

    @Test func everySupportedTypeRoundTrips() async throws {
        try await PostgresTestDatabase.withSchema { client, _ in
            try await client.execute(Self.allTypesTable)
            let id = UUID()
            let at = Date(timeIntervalSince1970: 1_700_000_000.123456)
            let blob = Data([0, 1, 2, 0xFE, 0xFF])
            try await client.execute(
                "INSERT INTO all_types VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                [id, "plain text", Int64.max, Int32.min, true, 0.1, at, blob, PostgresJSON(#"{"b": [1, 2], "a": null}"#), "12.5"])
            let row = try #require(try await client.query("SELECT * FROM all_types").first)
            #expect(try row.decode(UUID.self, column: "id") == id)
            #expect(try row.decode(String.self, column: "name") == "plain text")
            #expect(try row.decode(Int64.self, column: "big") == Int64.max)
            #expect(try row.decode(Int.self, column: "big") == Int.max)
            #expect(try row.decode(Int32.self, column: "small") == Int32.min)
            #expect(try row.decode(Int.self, column: "small") == Int(Int32.min))
            #expect(try row.decode(Bool.self, column: "flag") == true)
            #expect(try row.decode(Double.self, column: "ratio") == 0.1)
            #expect(try Self.microseconds(row.decode(Date.self, column: "at")) == Self.microseconds(at))
            #expect(try row.decode(Data.self, column: "blob") == blob)
            #expect(try row.decode(String.self, column: "document") == #"{"a": null, "b": [1, 2]}"#)
            #expect(try row.decode(Data.self, column: "document") == Data(#"{"a": null, "b": [1, 2]}"#.utf8))
            #expect(try row.decode(PostgresJSON.self, column: "document").decode([String: [Int]?].self) == ["a": nil, "b": [1, 2]])
            #expect(try row.decode(String.self, column: "amount") == "12.50")
            #expect(try row.decode(UUID.self, at: 0) == id)
        }
    }

    @Test func nullsRoundTripThroughOptionals() async throws {
        try await PostgresTestDatabase.withSchema { client, _ in
            try await client.execute(Self.allTypesTable)
            try await client.execute(
                "INSERT INTO all_types VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                [UUID?.none, String?.none, Int?.none, Int32?.none, Bool?.none, Double?.none, Date?.none, Data?.none,
                 PostgresJSON?.none, String?.none])
            let row = try #require(try await client.query("SELECT * FROM all_types").first)
            #expect(try row.decode(UUID?.self, column: "id") == nil)
            #expect(try row.decode(String?.self, column: "name") == nil)
            #expect(try row.decode(Int?.self, column: "big") == nil)
            #expect(try row.decode(Int32?.self, column: "small") == nil)
            #expect(try row.decode(Bool?.self, column: "flag") == nil)
            #expect(try row.decode(Double?.self, column: "ratio") == nil)
            #expect(try row.decode(Date?.self, column: "at") == nil)
            #expect(try row.decode(Data?.self, column: "blob") == nil)
            #expect(try row.decode(PostgresJSON?.self, column: "document") == nil)
            #expect(try row.decode(String?.self, column: "amount") == nil)
            #expect(try row.cell(named: "amount").isNull)
        }
    }

    @Test func optionalsHoldingValuesBindTheirValue() async throws {
        try await PostgresTestDatabase.withClient(PostgresTestDatabase.configuration()) { client in
            let row = try await client.query("SELECT $1::int8 AS number, $2::text AS word", [Int?.some(7), String?.some("seven")])[0]
            #expect(try row.decode(Int.self, column: "number") == 7)
            #expect(try row.decode(String.self, column: "word") == "seven")
        }
    }

    @Test func unicodeTextRoundTrips() async throws {
        let text = "Zürich — 東京 — Ελληνικά — 🎟️👩🏽‍💻 — \u{202E}rtl"
        try await PostgresTestDatabase.withClient(PostgresTestDatabase.configuration()) { client in
            let rows = try await client.query("SELECT $1::text AS value, length($1::text) AS characters", [text])
            #expect(try rows[0].decode(String.self, column: "value") == text)
            #expect(try rows[0].decode(Int.self, column: "characters") == text.unicodeScalars.count)
        }
    }

    @Test func oneMegabyteTextAndByteaRoundTrip() async throws {
        let text = String(repeating: "0123456789abcdé", count: 70_000)
        let bytes = Data((0..<1_048_576).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) })
        try await PostgresTestDatabase.withSchema { client, _ in
            try await client.execute("CREATE TABLE big (body text, blob bytea)")
            try await client.execute("INSERT INTO big VALUES ($1, $2)", [text, bytes])
            let row = try await client.query("SELECT body, blob, octet_length(blob) AS size FROM big")[0]
            #expect(try row.decode(String.self, column: "body") == text)
            #expect(try row.decode(Data.self, column: "blob") == bytes)
            #expect(try row.decode(Int.self, column: "size") == 1_048_576)
        }
    }

    @Test func numericIsReadExactlyAsPostgresPrintsIt() async throws {
        try await PostgresTestDatabase.withSchema { client, _ in
            try await client.execute("CREATE TABLE prices (amount numeric(10,2), currency char(3))")
            // Decimal strings are bound untyped, so Postgres reads them as the column's type.
            try await client.execute("INSERT INTO prices VALUES ($1, $2), ($3, $4)", ["100", "EUR", "0.5", "USD"])
            let rows = try await client.query("SELECT amount, currency FROM prices ORDER BY amount DESC")
            #expect(try rows.map { try $0.decode(String.self, column: "amount") } == ["100.00", "0.50"])
            #expect(try rows.map { try $0.decode(String.self, column: "currency") } == ["EUR", "USD"])
        }
    }

    @Test func timestamptzKeepsMicroseconds() async throws {
        let dates = [
            Date(timeIntervalSince1970: 1_700_000_000.000001),
            Date(timeIntervalSince1970: 1_700_000_000.999999),
            Date(timeIntervalSince1970: -1_000_000_000.5),
            Date(timeIntervalSince1970: 4_102_444_800.25),
        ]
        try await PostgresTestDatabase.withClient(PostgresTestDatabase.configuration()) { client in
            for date in dates {
                let row = try await client.query(
                    "SELECT $1::timestamptz AS at, extract(microseconds FROM $1::timestamptz)::int8 % 1000000 AS micros", [date])[0]
                #expect(try Self.microseconds(row.decode(Date.self, column: "at")) == Self.microseconds(date))
                let expectedMicros = ((Self.microseconds(date) % 1_000_000) + 1_000_000) % 1_000_000
                #expect(try row.decode(Int.self, column: "micros") == Int(expectedMicros))
            }
        }
    }

    @Test func timestampsInOtherZonesEpochsAndInfinityDecode() async throws {
        try await PostgresTestDatabase.withClient(PostgresTestDatabase.configuration(poolSize: 1)) { client in
            let row = try await client.withConnection { connection in
                // Offsets with minutes and seconds appear when the session is not in UTC.
                try connection.execute("SET TimeZone = 'Asia/Kolkata'")
                return try connection.query("""
                    SELECT '2024-02-29 12:00:00.5+00'::timestamptz AS kolkata,
                           '1900-01-01 00:00:00+00'::timestamptz AS lmt,
                           '2024-02-29 12:00:00.5'::timestamp AS plain,
                           '0044-03-15 12:00:00 BC'::timestamp AS ancient,
                           'infinity'::timestamptz AS future, '-infinity'::timestamptz AS past
                    """)[0]
            }
            let expected = Date(timeIntervalSince1970: 1_709_208_000.5)
            #expect(try row.decode(Date.self, column: "kolkata") == expected)
            #expect(try row.decode(Date.self, column: "lmt") == Date(timeIntervalSince1970: -2_208_988_800))
            #expect(try row.decode(Date.self, column: "plain") == expected)
            #expect(try row.decode(Date.self, column: "ancient") == Date(timeIntervalSince1970: -63_517_780_800))
            #expect(try row.decode(Date.self, column: "future") == .distantFuture)
            #expect(try row.decode(Date.self, column: "past") == .distantPast)
        }
    }

    @Test func doublesRoundTripExactly() async throws {
        let values: [Double] = [0.1, -1e-300, 1.7976931348623157e308, .infinity, -.infinity, 123_456_789.123_456_789]
        try await PostgresTestDatabase.withClient(PostgresTestDatabase.configuration()) { client in
            func roundTrip(_ sql: String, _ parameters: [any PostgresEncodable]) async throws -> Double {
                try await client.query(sql, parameters)[0].decode(Double.self, column: "value")
            }
            for value in values {
                let stored = try await roundTrip("SELECT $1::float8 AS value", [value])
                #expect(stored == value)
            }
            let nan = try await roundTrip("SELECT $1::float8 AS value", [Double.nan])
            #expect(nan.isNaN)
            let single = try await roundTrip("SELECT 1.5::float4 AS value", [])
            #expect(single == 1.5)
        }
    }

    @Test func sqlLookingStringsAreStoredVerbatim() async throws {
        let hostile = [
            "Robert'); DROP TABLE notes;--", "$1", "' OR '1'='1", "\\x00\\'", "E'\\n'", "; COMMIT; DROP SCHEMA public",
        ]
        try await PostgresTestDatabase.withSchema { client, _ in
            try await client.execute("CREATE TABLE notes (body text)")
            for text in hostile {
                try await client.execute("INSERT INTO notes (body) VALUES ($1)", [text])
            }
            let stored = try await client.query("SELECT body FROM notes").map { try $0.decode(String.self, column: "body") }
            #expect(stored.sorted() == hostile.sorted())
            let matches = try await client.query("SELECT count(*) AS n FROM notes WHERE body = $1", ["' OR '1'='1"])
            #expect(try matches[0].decode(Int.self, column: "n") == 1)
        }
    }

    @Test func textHoldingNulIsRefusedBeforeSending() async throws {
        try await PostgresTestDatabase.withClient(PostgresTestDatabase.configuration()) { client in
            let error = await #expect(throws: PostgresError.self) {
                try await client.query("SELECT $1::text", ["before\u{0}after"])
            }
            #expect(error?.kind == .encoding)
            #expect(error?.message.contains("$1") == true)
            #expect(error?.query == "SELECT $1::text")
        }
    }

    @Test func decodingNullIntoANonOptionalNamesTheColumn() async throws {
        try await PostgresTestDatabase.withClient(PostgresTestDatabase.configuration()) { client in
            let row = try await client.query("SELECT NULL::text AS nickname")[0]
            let error = #expect(throws: PostgresError.self) { try row.decode(String.self, column: "nickname") }
            #expect(error?.kind == .decoding)
            #expect(error?.message.contains("\"nickname\"") == true)
            #expect(error?.message.contains("NULL") == true)
        }
    }

    @Test func decodingTheWrongTypeNamesTheColumnAndTypes() async throws {
        try await PostgresTestDatabase.withClient(PostgresTestDatabase.configuration()) { client in
            let row = try await client.query("SELECT 'x'::text AS label, 70000::int4 AS big, 5000000000::int8 AS huge, '\\x01'::bytea AS blob")[0]
            let wrongType = #expect(throws: PostgresError.self) { try row.decode(Int.self, column: "label") }
            #expect(wrongType?.kind == .decoding)
            #expect(wrongType?.message.contains("\"label\"") == true)
            #expect(wrongType?.message.contains("text") == true)
            #expect(throws: PostgresError.self) { try row.decode(UUID.self, column: "label") }
            #expect(throws: PostgresError.self) { try row.decode(Int32.self, column: "huge") }
            #expect(throws: PostgresError.self) { try row.decode(String.self, column: "blob") }
            #expect(throws: PostgresError.self) { try row.decode(Date.self, column: "big") }
            #expect(throws: PostgresError.self) { try row.decode(Bool.self, column: "big") }
            #expect(throws: PostgresError.self) { try row.decode(Double.self, column: "big") }
        }
    }

    @Test func unknownColumnsAreErrorsListingTheColumns() async throws {
        try await PostgresTestDatabase.withClient(PostgresTestDatabase.configuration()) { client in
            let row = try await client.query("SELECT 1 AS one, 2 AS two")[0]
            let unknown = #expect(throws: PostgresError.self) { try row.decode(Int.self, column: "three") }
            #expect(unknown?.message.contains("one, two") == true)
            #expect(throws: PostgresError.self) { try row.decode(Int.self, at: 2) }
        }
    }

    @Test func rowsReportColumnsAndAffectedRows() async throws {
        try await PostgresTestDatabase.withSchema { client, _ in
            try await client.execute("CREATE TABLE counters (n int4)")
            #expect(try await client.execute("INSERT INTO counters SELECT generate_series(1, 5)") == 5)
            #expect(try await client.execute("UPDATE counters SET n = n + 1 WHERE n > $1", [Int32(2)]) == 3)
            let rows = try await client.query("SELECT n FROM counters ORDER BY n")
            #expect(rows.count == 5)
            #expect(rows.columns == [PostgresColumn(name: "n", type: .int4)])
            #expect(rows.commandTag == "SELECT 5")
            #expect(try rows.map { try $0.decode(Int32.self, at: 0) } == [1, 2, 4, 5, 6])
        }
    }

    private static func microseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
    }
}
