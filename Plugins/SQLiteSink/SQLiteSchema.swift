import GRDB

/// The tables and indexes of the `sqlite` sink: events, zones, buddy counts, tasks and diagnoses.
///
/// The names and columns are those of the `postgres` sink, so the same queries work on both. One row per event
/// id in `oom_events` (the whole event, as in the event schema, is in `event_json`); the child tables hold one row
/// per zone, per zone and order, per task-table row, and per diagnosis. Times are UTC RFC 3339 text (so text
/// order is time order and SQLite's date functions read them) and `day` is the UTC date.
enum SQLiteSchema {
    /// Creates the schema in a database, or checks that it is there; later versions add migrations.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            for statement in version1 { try db.execute(sql: statement) }
        }
        return migrator
    }

    /// Column names of `oom_events`, in insert order.
    static let eventColumns = [
        "id", "kind", "complete", "host", "time", "day", "uptime_s", "source_path", "first_line", "last_line",
        "kernel_release", "era", "trigger_comm", "trigger_pid", "gfp_mask", "order_", "constraint_", "victim_pid",
        "victim_comm", "victim_anon_rss_kb", "oom_cgroup", "task_cgroup", "cause", "summary", "event_json",
    ]

    static let zoneColumns = [
        "event_id", "seq", "node", "zone", "free_kb", "min_kb", "low_kb", "high_kb", "present_kb", "managed_kb",
        "all_unreclaimable", "buddy_total_kb",
    ]

    static let buddyColumns = ["event_id", "zone_seq", "node", "zone", "order_", "count", "types"]

    static let taskColumns = [
        "event_id", "seq", "pid", "uid", "tgid", "name", "total_vm_pages", "rss_pages", "rss_anon_pages",
        "rss_file_pages", "rss_shmem_pages", "pgtables_bytes", "nr_ptes", "swapents", "oom_score_adj",
    ]

    static let diagnosisColumns = ["event_id", "cause", "summary", "unexplained_kb"]

    /// Child tables, children of children first (the order their rows are deleted in).
    static let childTables = ["oom_buddy", "oom_zones", "oom_tasks", "oom_diagnoses"]

    static let version1 = [
        """
        CREATE TABLE oom_events (
            id TEXT NOT NULL PRIMARY KEY,
            kind TEXT NOT NULL,
            complete INTEGER NOT NULL,
            host TEXT,
            time TEXT,
            day TEXT,
            uptime_s REAL,
            source_path TEXT NOT NULL,
            first_line INTEGER NOT NULL,
            last_line INTEGER NOT NULL,
            kernel_release TEXT,
            era TEXT,
            trigger_comm TEXT,
            trigger_pid INTEGER,
            gfp_mask TEXT,
            order_ INTEGER,
            constraint_ TEXT,
            victim_pid INTEGER,
            victim_comm TEXT,
            victim_anon_rss_kb INTEGER,
            oom_cgroup TEXT,
            task_cgroup TEXT,
            cause TEXT,
            summary TEXT,
            event_json TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE oom_zones (
            event_id TEXT NOT NULL REFERENCES oom_events (id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            node INTEGER,
            zone TEXT NOT NULL,
            free_kb INTEGER,
            min_kb INTEGER,
            low_kb INTEGER,
            high_kb INTEGER,
            present_kb INTEGER,
            managed_kb INTEGER,
            all_unreclaimable INTEGER,
            buddy_total_kb INTEGER,
            PRIMARY KEY (event_id, seq)
        )
        """,
        """
        CREATE TABLE oom_buddy (
            event_id TEXT NOT NULL REFERENCES oom_events (id) ON DELETE CASCADE,
            zone_seq INTEGER NOT NULL,
            node INTEGER,
            zone TEXT NOT NULL,
            order_ INTEGER NOT NULL,
            count INTEGER NOT NULL,
            types TEXT,
            PRIMARY KEY (event_id, zone_seq, order_)
        )
        """,
        """
        CREATE TABLE oom_tasks (
            event_id TEXT NOT NULL REFERENCES oom_events (id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            pid INTEGER NOT NULL,
            uid INTEGER,
            tgid INTEGER,
            name TEXT NOT NULL,
            total_vm_pages INTEGER,
            rss_pages INTEGER,
            rss_anon_pages INTEGER,
            rss_file_pages INTEGER,
            rss_shmem_pages INTEGER,
            pgtables_bytes INTEGER,
            nr_ptes INTEGER,
            swapents INTEGER,
            oom_score_adj INTEGER,
            PRIMARY KEY (event_id, seq)
        )
        """,
        """
        CREATE TABLE oom_diagnoses (
            event_id TEXT NOT NULL PRIMARY KEY REFERENCES oom_events (id) ON DELETE CASCADE,
            cause TEXT NOT NULL,
            summary TEXT NOT NULL,
            unexplained_kb INTEGER
        )
        """,
        "CREATE INDEX oom_events_host_time ON oom_events (host, time)",
        "CREATE INDEX oom_events_day ON oom_events (day)",
        "CREATE INDEX oom_events_victim_comm ON oom_events (victim_comm)",
        "CREATE INDEX oom_events_cause ON oom_events (cause)",
        "CREATE INDEX oom_diagnoses_cause ON oom_diagnoses (cause)",
        "CREATE INDEX oom_tasks_name ON oom_tasks (name)",
    ]
}
