import GRDB
import OOMLensSinkAPI

/// Stores events in an embedded SQLite database (GRDB, WAL mode): one row per event id in `oom_events`, with
/// zones, buddy counts, task-table rows and diagnoses in child tables.
///
/// Each `write` is one transaction, committed with `synchronous = FULL`, so a returned `write` or `flush` means
/// the rows are on disk. Events are upserted by `id`: an update replaces the row and its child rows, and
/// reading the same archive again adds nothing.
public final class SQLiteSink: RegisteredSink {
    /// Options of the `sqlite` sink.
    public struct Options: ComponentOptions {
        /// Database file; created with its tables when missing.
        public var path: String = "oomlens.db"
        /// Keep the report's original lines (`raw`, when the assembler keeps them) in `event_json`.
        public var storeRaw: Bool = false
        /// How long to wait for a lock held by another connection (a reader, another run), in milliseconds.
        public var busyTimeoutMs: Int = 10_000
        public init() {}
        public static var documentation: [String: String] {
            ["path": "SQLite database file; created with its tables when missing, reused (upserting by event id) when present.",
             "store_raw": "Keep the report's original lines in event_json (the oom-assembler's keep_raw must be on).",
             "busy_timeout_ms": "How long to wait for a lock held by another connection, in milliseconds."]
        }
    }

    public static let name = "sqlite"
    public static let summary = "Embedded SQLite database (GRDB, WAL): events, zones, buddy counts, tasks, diagnoses; upsert by id"
    public static var targetOption: String? { "path" }

    private let path: String
    private let queue: DatabaseQueue
    private let writer: SQLiteEventWriter
    private var closed = false

    public init(options: Options, context: SinkContext) throws(SinkError) {
        path = options.path
        guard !path.isEmpty, path != "-" else {
            throw SinkError(sink: Self.name, message: "needs a database file path, not standard output")
        }
        writer = SQLiteEventWriter(storeRaw: options.storeRaw)
        var config = Configuration()
        config.journalMode = .wal
        config.busyMode = .timeout(Double(max(0, options.busyTimeoutMs)) / 1000)
        config.label = "oomlens-sqlite"
        do {
            queue = try DatabaseQueue(path: path, configuration: config)
            // WAL's default (NORMAL) may lose the last commits on power loss; a commit must be the acknowledgement.
            try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            try SQLiteSchema.migrator.migrate(queue)
        } catch {
            throw SinkError(sink: Self.name, message: "cannot open \(path): \(Self.describe(error))")
        }
    }

    public func write(_ events: [OOMEvent]) throws(SinkError) {
        guard !events.isEmpty else { return }
        do {
            try queue.write { db in try writer.write(events, to: db) }
        } catch {
            throw SinkError(sink: Self.name, message: "cannot write \(events.count) event(s) to \(path): \(Self.describe(error))")
        }
    }

    /// Every `write` has already committed durably; nothing is pending.
    public func flush() throws(SinkError) {}

    public func close() throws(SinkError) {
        guard !closed else { return }
        closed = true
        do { try queue.close() } catch {
            throw SinkError(sink: Self.name, message: "cannot close \(path): \(Self.describe(error))")
        }
    }

    private static func describe(_ error: any Error) -> String {
        if let e = error as? DatabaseError {
            return e.message.map { "\($0) (SQLite code \(e.extendedResultCode.rawValue))" } ?? "\(e)"
        }
        return "\(error)"
    }
}
