import CLibPQ

extension PostgresConnection {
    /// Sends `statements` in libpq pipeline mode, so they cost one network round trip instead of
    /// one each, and returns each one's rows or error in order. The server skips the statements
    /// after the first that fails, up to the pipeline's end; those report that they did not run.
    func pipeline(_ statements: [PostgresStatement]) throws -> [Result<PostgresRows, any Error>] {
        guard PQenterPipelineMode(handle) == 1 else {
            throw PostgresError(kind: .query, message: "could not enter pipeline mode: \(lastErrorMessage)", query: statements.first?.sql)
        }
        for statement in statements where !statement.send(on: handle) {
            try abandonPipeline(at: statement)
        }
        guard PQpipelineSync(handle) == 1 else { try abandonPipeline(at: statements[statements.count - 1]) }
        let results = statements.map { statement in
            Result { try rows(of: pipelinedResult(), query: statement.sql) }
        }
        guard !isBroken else { return results }
        // The Sync's own result, then pipeline mode can end.
        while let result = PQgetResult(handle) {
            let status = PQresultStatus(result)
            PQclear(result)
            if status == PGRES_PIPELINE_SYNC { break }
        }
        PQexitPipelineMode(handle)
        return results
    }

    /// One statement's result in a pipeline; libpq ends each statement's results with a NULL.
    private func pipelinedResult() -> OpaquePointer? {
        guard let result = PQgetResult(handle) else { return nil }
        while let extra = PQgetResult(handle) { PQclear(extra) }
        return result
    }

    /// libpq could not queue a statement: the connection is gone, and it is not reused.
    private func abandonPipeline(at statement: PostgresStatement) throws -> Never {
        discardAfterUse()
        throw PostgresError(kind: .connection, message: "could not send the statement: \(lastErrorMessage)", query: statement.sql)
    }
}
