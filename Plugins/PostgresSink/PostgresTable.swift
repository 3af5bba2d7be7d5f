import PostgresNIO

/// One table of the sink's schema: its columns, key and statements, all plain PostgreSQL.
///
/// The SQL avoids extensions and server-specific syntax (`CREATE TABLE IF NOT EXISTS`, multi-row `VALUES`,
/// `ON CONFLICT … DO UPDATE`, `= ANY($1)`), so the distributed engines that speak the protocol (Citus,
/// YugabyteDB, CockroachDB) take the same statements.
struct PostgresTable: Sendable {
    /// Table name.
    let name: String
    /// Column names and SQL types, in insert order.
    let columns: [(name: String, type: String)]
    /// Primary-key columns; the events table's is `id`, the child tables' start with `event_id`.
    let primaryKey: [String]
    /// Columns besides the key that may not be NULL.
    let required: Set<String>
    /// True for the child tables, whose `event_id` references `oom_events(id)`.
    let isChild: Bool

    /// Most parameters in one statement; the protocol allows 65,535.
    static let parameterLimit = 30_000

    var createStatement: String {
        var parts = columns.map { c in
            "\(c.name) \(c.type)" + (primaryKey.contains(c.name) || required.contains(c.name) ? " NOT NULL" : "")
        }
        parts.append("PRIMARY KEY (\(primaryKey.joined(separator: ", ")))")
        if isChild {
            parts.append("FOREIGN KEY (event_id) REFERENCES oom_events (id) ON DELETE CASCADE")
        }
        return "CREATE TABLE IF NOT EXISTS \(name) (\n    " + parts.joined(separator: ",\n    ") + "\n)"
    }

    /// Multi-row `INSERT` statements for `rows`, split so that none exceeds the parameter limit. With `upsert`,
    /// a row whose key exists replaces every other column of it.
    func insertStatements(_ rows: [[SQLValue]], upsert: Bool) -> [PostgresQuery] {
        guard !rows.isEmpty else { return [] }
        let perStatement = max(1, min(1000, Self.parameterLimit / columns.count))
        var statements: [PostgresQuery] = []
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(rows.count, start + perStatement)]
            start += chunk.count
            var bindings = PostgresBindings(capacity: chunk.count * columns.count)
            var tuples: [String] = []
            tuples.reserveCapacity(chunk.count)
            for row in chunk {
                precondition(row.count == columns.count, "row of \(name) has \(row.count) values")
                var placeholders: [String] = []
                placeholders.reserveCapacity(columns.count)
                for (value, column) in zip(row, columns) {
                    value.bind(into: &bindings)
                    placeholders.append("$\(bindings.count)::\(column.type)")
                }
                tuples.append("(" + placeholders.joined(separator: ", ") + ")")
            }
            var sql = "INSERT INTO \(name) (\(columns.map(\.name).joined(separator: ", "))) VALUES "
            sql += tuples.joined(separator: ", ")
            if upsert {
                let updates = columns.map(\.name).filter { !primaryKey.contains($0) }.map { "\($0) = EXCLUDED.\($0)" }
                sql += " ON CONFLICT (\(primaryKey.joined(separator: ", "))) DO UPDATE SET "
                sql += updates.joined(separator: ", ")
            }
            statements.append(PostgresQuery(unsafeSQL: sql, binds: bindings))
        }
        return statements
    }

    /// Deletes the rows of the given events (child tables only).
    func deleteStatement(eventIDs: [String]) -> PostgresQuery {
        var bindings = PostgresBindings(capacity: 1)
        bindings.append(eventIDs)
        return PostgresQuery(unsafeSQL: "DELETE FROM \(name) WHERE event_id = ANY($1::text[])", binds: bindings)
    }
}
