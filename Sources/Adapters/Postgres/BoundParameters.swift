import CLibPQ

/// Parameters laid out as `PQsendQueryParams` takes them: one contiguous buffer with a pointer, a
/// length, a format and a type per parameter; a NULL pointer is SQL NULL.
struct BoundParameters {
    /// Starts with one spare byte so that an empty binary value still gets a non-NULL pointer.
    private var buffer: [UInt8] = [0]
    private var offsets: [Int?] = []
    /// The parameters' type OIDs, which a prepared statement is declared with.
    private(set) var types: [Oid] = []
    private var lengths: [Int32] = []
    private var formats: [Int32] = []

    var count: Int32 { Int32(types.count) }

    /// No parameters (transaction control).
    init() {}

    init(_ parameters: [PostgresParameter], query: String) throws {
        for (index, parameter) in parameters.enumerated() {
            types.append(parameter.type.rawValue)
            formats.append(parameter.format.rawValue)
            guard let bytes = parameter.bytes else {
                offsets.append(nil)
                lengths.append(0)
                continue
            }
            guard let length = Int32(exactly: bytes.count) else {
                throw PostgresError(kind: .encoding, message: "parameter $\(index + 1) is larger than 2 GB", query: query)
            }
            offsets.append(buffer.count)
            lengths.append(length)
            buffer += bytes
            if parameter.format == .text {
                // libpq reads text parameters up to their NUL; one inside would cut the value short.
                guard !bytes.contains(0) else {
                    throw PostgresError(
                        kind: .encoding, message: "parameter $\(index + 1) contains a NUL character, which Postgres text cannot hold",
                        query: query)
                }
                buffer.append(0)
            }
        }
    }

    func withLibPQArrays<Result>(
        _ body: (_ types: [Oid], _ values: [UnsafePointer<CChar>?], _ lengths: [Int32], _ formats: [Int32]) -> Result
    ) -> Result {
        buffer.withUnsafeBytes { raw in
            let base = raw.baseAddress!
            let values = offsets.map { offset in offset.map { (base + $0).assumingMemoryBound(to: CChar.self) } }
            return body(types, values, lengths, formats)
        }
    }
}
