/// The sink's tables and indexes: events, zones, buddy counts, tasks and diagnoses.
///
/// One row per event id in `oom_events` (the whole event is kept in `event_json`); the child tables hold one
/// row per zone, per zone and order, per task-table row, and per diagnosis. Child rows are deleted and written
/// again whenever their event is, so an update never leaves stale rows behind.
enum PostgresSchema {
    static let events = PostgresTable(
        name: "oom_events",
        columns: [
            ("id", "text"), ("kind", "text"), ("complete", "boolean"), ("host", "text"), ("time", "timestamptz"),
            ("day", "date"), ("uptime_s", "double precision"), ("source_path", "text"), ("first_line", "bigint"),
            ("last_line", "bigint"), ("kernel_release", "text"), ("era", "text"), ("trigger_comm", "text"),
            ("trigger_pid", "bigint"), ("gfp_mask", "text"), ("order_", "integer"), ("constraint_", "text"),
            ("victim_pid", "bigint"), ("victim_comm", "text"), ("victim_anon_rss_kb", "bigint"),
            ("oom_cgroup", "text"), ("task_cgroup", "text"), ("cause", "text"), ("summary", "text"),
            ("event_json", "jsonb"),
        ],
        primaryKey: ["id"],
        required: ["kind", "complete", "source_path", "first_line", "last_line", "event_json"], isChild: false)

    static let zones = PostgresTable(
        name: "oom_zones",
        columns: [
            ("event_id", "text"), ("seq", "integer"), ("node", "integer"), ("zone", "text"), ("free_kb", "bigint"),
            ("min_kb", "bigint"), ("low_kb", "bigint"), ("high_kb", "bigint"), ("present_kb", "bigint"),
            ("managed_kb", "bigint"), ("all_unreclaimable", "boolean"), ("buddy_total_kb", "bigint"),
        ],
        primaryKey: ["event_id", "seq"], required: ["zone"], isChild: true)

    static let buddy = PostgresTable(
        name: "oom_buddy",
        columns: [
            ("event_id", "text"), ("zone_seq", "integer"), ("node", "integer"), ("zone", "text"),
            ("order_", "integer"), ("count", "bigint"), ("types", "text"),
        ],
        primaryKey: ["event_id", "zone_seq", "order_"], required: ["zone", "count"], isChild: true)

    static let tasks = PostgresTable(
        name: "oom_tasks",
        columns: [
            ("event_id", "text"), ("seq", "integer"), ("pid", "bigint"), ("uid", "bigint"), ("tgid", "bigint"),
            ("name", "text"), ("total_vm_pages", "bigint"), ("rss_pages", "bigint"), ("rss_anon_pages", "bigint"),
            ("rss_file_pages", "bigint"), ("rss_shmem_pages", "bigint"), ("pgtables_bytes", "bigint"),
            ("nr_ptes", "bigint"), ("swapents", "bigint"), ("oom_score_adj", "integer"),
        ],
        primaryKey: ["event_id", "seq"], required: ["pid", "name"], isChild: true)

    static let diagnoses = PostgresTable(
        name: "oom_diagnoses",
        columns: [("event_id", "text"), ("cause", "text"), ("summary", "text"), ("unexplained_kb", "bigint")],
        primaryKey: ["event_id"], required: ["cause", "summary"], isChild: true)

    /// Child tables, in the order their rows are written.
    static let children = [zones, buddy, tasks, diagnoses]

    /// Every statement that creates the schema; each is safe to run again.
    static var createStatements: [String] {
        [events.createStatement] + children.map(\.createStatement) + [
            "CREATE INDEX IF NOT EXISTS oom_events_host_time ON oom_events (host, time)",
            "CREATE INDEX IF NOT EXISTS oom_events_day ON oom_events (day)",
            "CREATE INDEX IF NOT EXISTS oom_events_victim_comm ON oom_events (victim_comm)",
            "CREATE INDEX IF NOT EXISTS oom_events_cause ON oom_events (cause)",
            "CREATE INDEX IF NOT EXISTS oom_diagnoses_cause ON oom_diagnoses (cause)",
            "CREATE INDEX IF NOT EXISTS oom_tasks_name ON oom_tasks (name)",
        ]
    }
}
