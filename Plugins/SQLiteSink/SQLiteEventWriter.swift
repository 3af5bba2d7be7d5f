import Foundation
import GRDB
import OOMLensSinkAPI

/// Writes the rows of events inside a transaction: upserts each `oom_events` row by id, then replaces the
/// event's child rows, so an update of an id never leaves rows of the earlier version behind.
struct SQLiteEventWriter {
    /// Keep `raw` (the report's lines) in `event_json`.
    let storeRaw: Bool
    private let encoder = CompactJSONEncoder()

    init(storeRaw: Bool) {
        self.storeRaw = storeRaw
    }

    static let upsertEventSQL: String = {
        let columns = SQLiteSchema.eventColumns
        let updates = columns.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        return "INSERT INTO oom_events (\(columns.joined(separator: ", "))) VALUES (\(placeholders(columns.count)))"
            + " ON CONFLICT (id) DO UPDATE SET \(updates)"
    }()

    static func insertSQL(_ table: String, _ columns: [String]) -> String {
        "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(placeholders(columns.count)))"
    }

    private static func placeholders(_ n: Int) -> String {
        Array(repeating: "?", count: n).joined(separator: ", ")
    }

    /// Writes `events` in order (a later event with the same id wins).
    func write(_ events: [OOMEvent], to db: Database) throws {
        let upsert = try db.cachedStatement(sql: Self.upsertEventSQL)
        let deletes = try SQLiteSchema.childTables.map {
            try db.cachedStatement(sql: "DELETE FROM \($0) WHERE event_id = ?")
        }
        let zone = try db.cachedStatement(sql: Self.insertSQL("oom_zones", SQLiteSchema.zoneColumns))
        let buddy = try db.cachedStatement(sql: Self.insertSQL("oom_buddy", SQLiteSchema.buddyColumns))
        let task = try db.cachedStatement(sql: Self.insertSQL("oom_tasks", SQLiteSchema.taskColumns))
        let diagnosis = try db.cachedStatement(sql: Self.insertSQL("oom_diagnoses", SQLiteSchema.diagnosisColumns))
        for e in events {
            try upsert.execute(arguments: StatementArguments(try eventRow(e)))
            for d in deletes { try d.execute(arguments: [e.id]) }
            for (seq, z) in e.zones.enumerated() {
                let row: [(any DatabaseValueConvertible)?] = [
                    e.id, seq, z.node, z.zone, z.free_kb, z.min_kb, z.low_kb, z.high_kb, z.present_kb, z.managed_kb,
                    z.all_unreclaimable, z.buddy?.total_kb,
                ]
                try zone.execute(arguments: StatementArguments(row))
                guard let b = z.buddy else { continue }
                for (order, count) in b.counts.enumerated() {
                    let types = b.types.flatMap { order < $0.count ? $0[order] : nil }
                    let row: [(any DatabaseValueConvertible)?] = [e.id, seq, z.node, z.zone, order, count, types]
                    try buddy.execute(arguments: StatementArguments(row))
                }
            }
            for (seq, t) in e.tasks.enumerated() {
                let row: [(any DatabaseValueConvertible)?] = [
                    e.id, seq, t.pid, t.uid, t.tgid, t.name, t.total_vm_pages, t.rss_pages, t.rss_anon_pages,
                    t.rss_file_pages, t.rss_shmem_pages, t.pgtables_bytes, t.nr_ptes, t.swapents, t.oom_score_adj,
                ]
                try task.execute(arguments: StatementArguments(row))
            }
            if let d = e.diagnosis {
                let row: [(any DatabaseValueConvertible)?] = [e.id, d.cause, d.summary, d.unexplained_kb]
                try diagnosis.execute(arguments: StatementArguments(row))
            }
        }
    }

    private func eventRow(_ e: OOMEvent) throws -> [(any DatabaseValueConvertible)?] {
        var stored = e
        if !storeRaw { stored.raw = nil }
        let json = String(decoding: try encoder.encode(stored), as: UTF8.self)
        let time = e.time.flatMap(LogTime.init)
        return [
            e.id, e.kind.rawValue, e.complete, e.host, time?.utc ?? e.time, time?.utcDay, e.uptime_s,
            e.source.path, e.source.first_line, e.source.last_line, e.kernel.release, e.kernel.era,
            e.trigger?.comm, e.trigger?.pid, e.trigger?.gfp_mask, e.trigger?.order, e.constraint,
            e.victim?.pid, e.victim?.comm, e.victim?.anon_rss_kb, e.memcg?.oom_cgroup, e.memcg?.task_cgroup,
            e.diagnosis?.cause, e.diagnosis?.summary, json,
        ]
    }
}
