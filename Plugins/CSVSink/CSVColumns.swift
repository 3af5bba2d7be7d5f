import OOMLensSinkAPI

/// The columns of the `csv` sink, one row per event: the header and how each field comes out of an event.
enum CSVColumns {
    /// A column's value: a number, or text that may come from the log (and is then guarded in spreadsheet mode).
    enum Value {
        case number(String)
        case text(String)
    }

    static let header = [
        "id", "kind", "complete", "host", "time", "source_path", "first_line", "last_line", "kernel_release",
        "kernel_era", "trigger_comm", "trigger_pid", "trigger_gfp_mask", "trigger_order", "constraint", "victim_pid",
        "victim_comm", "victim_anon_rss_kb", "memcg_oom_cgroup", "memcg_usage_kb", "memcg_limit_kb", "cause",
        "summary",
    ]

    /// The row of `e`, in header order; a value the report does not show is an empty field.
    static func values(_ e: OOMEvent) -> [Value] {
        func n<T: BinaryInteger>(_ v: T?) -> Value { .number(v.map { "\($0)" } ?? "") }
        func t(_ v: String?) -> Value { .text(v ?? "") }
        return [
            t(e.id), t(e.kind.rawValue), .number(e.complete ? "true" : "false"), t(e.host), t(e.time),
            t(e.source.path), n(e.source.first_line), n(e.source.last_line), t(e.kernel.release), t(e.kernel.era),
            t(e.trigger?.comm), n(e.trigger?.pid), t(e.trigger?.gfp_mask), n(e.trigger?.order), t(e.constraint),
            n(e.victim?.pid), t(e.victim?.comm), n(e.victim?.anon_rss_kb), t(e.memcg?.oom_cgroup),
            n(e.memcg?.usage_kb), n(e.memcg?.limit_kb), t(e.diagnosis?.cause), t(e.diagnosis?.summary),
        ]
    }

    /// One encoded line, CRLF-terminated.
    static func line(_ fields: [Value], neutralizeFormulas: Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        for (i, f) in fields.enumerated() {
            if i > 0 { out.append(0x2C) }
            switch f {
            case .number(let s): CSVField.encode(s, into: &out)
            case .text(let s): CSVField.encode(neutralizeFormulas ? CSVField.neutralizingFormula(s) : s, into: &out)
            }
        }
        out += [0x0D, 0x0A]
        return out
    }

    static var headerLine: [UInt8] { line(header.map { .number($0) }, neutralizeFormulas: false) }
}
