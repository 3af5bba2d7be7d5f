#if canImport(Glibc)
import Glibc
#endif
import Foundation
import OOMLensSinkAPI
import PostgresNIO

/// The statements of one transaction: upsert a batch of events, then replace their child rows.
///
/// Events with the same id in one batch collapse to the last one (one `INSERT … ON CONFLICT` may not touch a
/// row twice), and rows are written in id order, so concurrent writers lock the same rows in the same order.
struct PostgresBatch: Sendable {
    /// Distinct event ids, sorted.
    let ids: [String]
    /// Statements to run between `BEGIN` and `COMMIT`, in order.
    let statements: [PostgresQuery]
    /// Events handed in, duplicates included (what the acknowledgement covers).
    let eventCount: Int

    init(_ events: [OOMEvent]) throws(SinkError) {
        eventCount = events.count
        var latest: [String: OOMEvent] = [:]
        for e in events { latest[e.id] = e }
        let sorted = latest.values.sorted { $0.id < $1.id }
        ids = sorted.map(\.id)
        let encoder = CompactJSONEncoder()
        var eventRows: [[SQLValue]] = []
        var zoneRows: [[SQLValue]] = []
        var buddyRows: [[SQLValue]] = []
        var taskRows: [[SQLValue]] = []
        var diagnosisRows: [[SQLValue]] = []
        for e in sorted {
            let json: String
            do { json = String(decoding: try encoder.encode(e), as: UTF8.self) } catch {
                throw SinkError(sink: PostgresSink.name, message: "cannot encode event \(e.id): \(error)")
            }
            eventRows.append(Self.eventRow(e, json: json))
            for (seq, z) in e.zones.enumerated() {
                zoneRows.append([
                    .text(e.id), .int(seq), .int(z.node), .text(z.zone), .int(z.free_kb), .int(z.min_kb),
                    .int(z.low_kb), .int(z.high_kb), .int(z.present_kb), .int(z.managed_kb), .bool(z.all_unreclaimable),
                    .int(z.buddy?.total_kb),
                ])
                guard let buddy = z.buddy else { continue }
                for (order, count) in buddy.counts.enumerated() {
                    let types = buddy.types.flatMap { order < $0.count ? $0[order] : nil }
                    buddyRows.append([.text(e.id), .int(seq), .int(z.node), .text(z.zone), .int(order), .int(count),
                                      .text(types)])
                }
            }
            for (seq, t) in e.tasks.enumerated() {
                taskRows.append([
                    .text(e.id), .int(seq), .int(t.pid), .int(t.uid), .int(t.tgid), .text(t.name), .int(t.total_vm_pages),
                    .int(t.rss_pages), .int(t.rss_anon_pages), .int(t.rss_file_pages), .int(t.rss_shmem_pages),
                    .int(t.pgtables_bytes), .int(t.nr_ptes), .int(t.swapents), .int(t.oom_score_adj),
                ])
            }
            if let d = e.diagnosis {
                diagnosisRows.append([.text(e.id), .text(d.cause), .text(d.summary), .int(d.unexplained_kb)])
            }
        }
        var statements = PostgresSchema.events.insertStatements(eventRows, upsert: true)
        for table in PostgresSchema.children { statements.append(table.deleteStatement(eventIDs: ids)) }
        statements += PostgresSchema.zones.insertStatements(zoneRows, upsert: false)
        statements += PostgresSchema.buddy.insertStatements(buddyRows, upsert: false)
        statements += PostgresSchema.tasks.insertStatements(taskRows, upsert: false)
        statements += PostgresSchema.diagnoses.insertStatements(diagnosisRows, upsert: false)
        self.statements = statements
    }

    private static func eventRow(_ e: OOMEvent, json: String) -> [SQLValue] {
        let time = e.time.flatMap(parseTime)
        return [
            .text(e.id), .text(e.kind.rawValue), .bool(e.complete), .text(e.host), .timestamp(time),
            .text(time.map(utcDay)), .double(e.uptime_s), .text(e.source.path), .int(e.source.first_line),
            .int(e.source.last_line), .text(e.kernel.release), .text(e.kernel.era), .text(e.trigger?.comm),
            .int(e.trigger?.pid), .text(e.trigger?.gfp_mask), .int(e.trigger?.order), .text(e.constraint),
            .int(e.victim?.pid), .text(e.victim?.comm), .int(e.victim?.anon_rss_kb), .text(e.memcg?.oom_cgroup),
            .text(e.memcg?.task_cgroup), .text(e.diagnosis?.cause), .text(e.diagnosis?.summary), .text(json),
        ]
    }

    /// An RFC 3339 time, with or without fractional seconds; nil when it is not one.
    static func parseTime(_ text: String) -> Date? {
        if let d = try? Date.ISO8601FormatStyle(includingFractionalSeconds: false).parse(text) { return d }
        return try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)
    }

    /// `YYYY-MM-DD` of `date` in UTC.
    static func utcDay(_ date: Date) -> String {
        var t = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&t, &parts)
        let y = Int(parts.tm_year) + 1900
        let m = Int(parts.tm_mon) + 1
        let d = Int(parts.tm_mday)
        let pad = { (n: Int) in n < 10 ? "0\(n)" : "\(n)" }
        return "\(y)-\(pad(m))-\(pad(d))"
    }
}
