import CSVSink
import Foundation
import GRDB
import OOMLensCore
import OOMLensSinkAPI
import OOMLensTestSupport
import PrometheusSink
import SQLiteSink
import Testing

/// An event with zones, buddy counts, tasks and a diagnosis, for the SQLite sink.
func richEvent(_ n: Int, victim: String = "java", cause: String? = "memcg-limit") -> OOMEvent {
    var e = sampleEvent(n)
    e.time = "2024-02-02T00:30:00-02:00"
    e.kernel = OOMEvent.Kernel(release: "5.15.0-91-generic", era: "5.x")
    var t = OOMEvent.Trigger()
    t.comm = "kworker/u8:1"
    t.pid = 77
    t.gfp_mask = "0x100cca"
    t.order = 0
    e.trigger = t
    e.constraint = "CONSTRAINT_MEMCG"
    var m = OOMEvent.Memcg()
    m.oom_cgroup = "/kubepods/pod-1"
    m.task_cgroup = "/kubepods/pod-1/app"
    m.usage_kb = 524_288
    m.limit_kb = 524_288
    e.memcg = m
    e.tasks = (0..<3).map { i in
        var task = OOMEvent.Task(pid: 100 + i, name: i == 2 ? victim : "worker\(i)")
        task.rss_pages = Int64(10 + i * 1000)
        return task
    }
    e.victim = OOMEvent.Victim(pid: 102, comm: victim)
    e.victim?.anon_rss_kb = 8000
    if let cause {
        var d = OOMEvent.Diagnosis(cause: cause, summary: "usage reached the limit of \(m.oom_cgroup!)")
        d.unexplained_kb = 12
        e.diagnosis = d
    }
    return e
}

/// Opens a database the sink wrote, read-only.
func openDatabase(_ path: String) throws -> DatabaseQueue {
    var config = Configuration()
    config.readonly = true
    return try DatabaseQueue(path: path, configuration: config)
}

/// The repository, three levels above this file.
let repositoryRoot: URL = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url
}()

struct SQLiteSinkTests {
    func makeSink(_ path: String, storeRaw: Bool = false) throws(SinkError) -> SQLiteSink {
        var options = SQLiteSink.Options()
        options.path = path
        options.storeRaw = storeRaw
        return try SQLiteSink(options: options, context: testContext())
    }

    @Test func writesEventsZonesBuddyTasksAndDiagnoses() throws {
        let dir = TemporaryDirectory()
        let path = dir.path + "/oom.db"
        let sink = try makeSink(path)
        try sink.write([richEvent(1), sampleEvent(2)])
        try sink.close()

        let db = try openDatabase(path)
        try db.read { db in
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM oom_events") == 2)
            let row = try #require(try Row.fetchOne(db, sql: "SELECT * FROM oom_events WHERE id = 'id1'"))
            #expect(row["kind"] as String == "oom")
            #expect(row["complete"] as Bool == true)
            #expect(row["host"] as String == "web1")
            // Log time -02:00 is stored in UTC, and the day is the UTC day.
            #expect(row["time"] as String == "2024-02-02T02:30:00Z")
            #expect(row["day"] as String == "2024-02-02")
            #expect(row["victim_comm"] as String == "java")
            #expect(row["victim_anon_rss_kb"] as Int64 == 8000)
            #expect(row["gfp_mask"] as String == "0x100cca")
            #expect(row["constraint_"] as String == "CONSTRAINT_MEMCG")
            #expect(row["oom_cgroup"] as String == "/kubepods/pod-1")
            #expect(row["cause"] as String == "memcg-limit")
            let json = try JSONDecoder().decode(OOMEvent.self, from: Data((row["event_json"] as String).utf8))
            #expect(json == richEvent(1))

            // The hostile victim name of sampleEvent is stored as it is.
            #expect(try String.fetchOne(db, sql: "SELECT victim_comm FROM oom_events WHERE id = 'id2'")
                    == "py \"thon\"\n</script>")

            let zone = try #require(try Row.fetchOne(db, sql: "SELECT * FROM oom_zones WHERE event_id = 'id1'"))
            #expect(zone["zone"] as String == "Normal")
            #expect(zone["free_kb"] as Int64 == 3556)
            #expect(zone["min_kb"] as Int64 == 3672)
            #expect(zone["buddy_total_kb"] as Int64 == 3580)
            #expect(zone["node"] as Int? == nil)

            let buddy = try Row.fetchAll(db, sql: "SELECT order_, count, types FROM oom_buddy WHERE event_id = 'id1' ORDER BY order_")
            #expect(buddy.map { $0["count"] as Int64 } == [333, 269])
            #expect(buddy.map { $0["types"] as String? } == ["UEM", nil])

            let tasks = try Row.fetchAll(db, sql: "SELECT pid, name, rss_pages FROM oom_tasks WHERE event_id = 'id1' ORDER BY seq")
            #expect(tasks.map { $0["name"] as String } == ["worker0", "worker1", "java"])
            #expect(tasks.map { $0["rss_pages"] as Int64 } == [10, 1010, 2010])

            let diagnosis = try #require(try Row.fetchOne(db, sql: "SELECT * FROM oom_diagnoses WHERE event_id = 'id1'"))
            #expect(diagnosis["cause"] as String == "memcg-limit")
            #expect(diagnosis["unexplained_kb"] as Int64 == 12)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM oom_diagnoses WHERE event_id = 'id2'") == 0)
        }
    }

    @Test func writingTheSameEventsAgainAddsNothing() throws {
        let dir = TemporaryDirectory()
        let path = dir.path + "/oom.db"
        func counts() throws -> [Int] {
            try openDatabase(path).read { db in
                try ["oom_events", "oom_zones", "oom_buddy", "oom_tasks", "oom_diagnoses"].map {
                    try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \($0)") ?? -1
                }
            }
        }
        let events = [richEvent(1), richEvent(2), sampleEvent(3)]
        // Twice in one batch, then again in a second run over the same database.
        let first = try makeSink(path)
        try first.write(events)
        try first.write(events)
        try first.close()
        let once = try counts()
        #expect(once == [3, 3, 6, 6, 2])
        let second = try makeSink(path)
        try second.write(events + events)
        try second.close()
        #expect(try counts() == once)
    }

    @Test func anUpdateReplacesTheRowAndItsChildRows() throws {
        let dir = TemporaryDirectory()
        let path = dir.path + "/oom.db"
        let sink = try makeSink(path)
        try sink.write([richEvent(1, victim: "java", cause: nil)])
        var update = richEvent(1, victim: "postgres", cause: "zone-watermark")
        update.tasks.removeFirst(2)
        update.zones = []
        update.reaped = OOMEvent.Victim(pid: 102, comm: "postgres")
        try sink.write([update])
        try sink.flush()

        let db = try openDatabase(path)
        try db.read { db in
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM oom_events") == 1)
            #expect(try String.fetchOne(db, sql: "SELECT victim_comm FROM oom_events") == "postgres")
            #expect(try String.fetchOne(db, sql: "SELECT cause FROM oom_events") == "zone-watermark")
            #expect(try String.fetchAll(db, sql: "SELECT name FROM oom_tasks") == ["postgres"])
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM oom_zones") == 0)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM oom_buddy") == 0)
            #expect(try String.fetchAll(db, sql: "SELECT cause FROM oom_diagnoses") == ["zone-watermark"])
            let json = try #require(try String.fetchOne(db, sql: "SELECT event_json FROM oom_events"))
            #expect(try JSONDecoder().decode(OOMEvent.self, from: Data(json.utf8)) == update)
        }
        try sink.close()
    }

    @Test func rawLinesAreKeptOnlyWhenAsked() throws {
        let dir = TemporaryDirectory()
        var e = sampleEvent(1)
        e.raw = ["Out of memory: Killed process 593 (python)", "'; DROP TABLE oom_events; --"]
        for storeRaw in [false, true] {
            let path = dir.path + "/raw-\(storeRaw).db"
            let sink = try makeSink(path, storeRaw: storeRaw)
            try sink.write([e])
            try sink.close()
            let json = try #require(try openDatabase(path).read { db in
                try String.fetchOne(db, sql: "SELECT event_json FROM oom_events")
            })
            let decoded = try JSONDecoder().decode(OOMEvent.self, from: Data(json.utf8))
            #expect(decoded.raw == (storeRaw ? e.raw : nil))
        }
    }

    @Test func indexesServeThePerHostDayVictimAndCauseQuestions() throws {
        let dir = TemporaryDirectory()
        let path = dir.path + "/oom.db"
        let sink = try makeSink(path)
        try sink.write([richEvent(1)])
        try sink.close()
        try openDatabase(path).read { db in
            let questions = [
                ("SELECT COUNT(*) FROM oom_events WHERE host = 'web1'", "oom_events_host_time"),
                ("SELECT COUNT(*) FROM oom_events WHERE day = '2024-02-02'", "oom_events_day"),
                ("SELECT COUNT(*) FROM oom_events WHERE victim_comm = 'java'", "oom_events_victim_comm"),
                ("SELECT COUNT(*) FROM oom_diagnoses WHERE cause = 'memcg-limit'", "oom_diagnoses_cause"),
                ("SELECT COUNT(*) FROM oom_tasks WHERE name = 'java'", "oom_tasks_name"),
            ]
            for (sql, index) in questions {
                let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }
                #expect(plan.contains { $0.contains(index) }, "\(sql): \(plan)")
            }
        }
    }

    @Test func walModeAndNothingLeftBehindAfterClose() throws {
        let dir = TemporaryDirectory()
        let path = dir.path + "/oom.db"
        let sink = try makeSink(path)
        try sink.write([richEvent(1)])
        #expect(try openDatabase(path).read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "wal")
        try sink.close()
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        #expect(!FileManager.default.fileExists(atPath: path + "-shm"))
    }

    @Test func unusablePathsAreSinkErrors() throws {
        let dir = TemporaryDirectory()
        for path in ["/nonexistent-dir/oom.db", dir.path, ""] {
            #expect(throws: SinkError.self, "\(path)") { try makeSink(path) }
        }
        // A file that is not a database: the error names the path instead of crashing.
        let junk = dir.write("junk.db", String(repeating: "not a database ", count: 512))
        do {
            _ = try makeSink(junk)
            Issue.record("opened a file that is not a database")
        } catch {
            #expect(error.message.contains(junk))
        }
    }

    /// Another connection holds the write lock: the write fails with a SinkError naming the file, and the sink
    /// works again once the lock is gone.
    @Test func aLockedDatabaseIsASinkErrorNotACrash() throws {
        let dir = TemporaryDirectory()
        let path = dir.path + "/oom.db"
        var options = SQLiteSink.Options()
        options.path = path
        options.busyTimeoutMs = 0
        let sink = try SQLiteSink(options: options, context: testContext())
        let lock = try holdWriteLock(path)
        do {
            try sink.write([richEvent(1)])
            Issue.record("write succeeded while another connection held the lock")
        } catch {
            #expect(error.sink == "sqlite")
            #expect(error.message.contains(path))
            #expect(error.message.contains("locked"))
        }
        try lock.writeWithoutTransaction { try $0.execute(sql: "ROLLBACK") }
        try sink.write([richEvent(1)])
        try sink.close()
        #expect(try openDatabase(path).read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM oom_events") } == 1)
    }

    /// In a pipeline, the SQLite sink fails (locked database) and the CSV and Prometheus sinks still get every
    /// event; the failure is in the run summary, and the pipeline's counters reach the Prometheus sink.
    @Test func aFailingSinkStopsNoOtherSink() throws {
        let dir = TemporaryDirectory()
        let log = dir.write("syslog", (1...5).map { "line \($0)\n" }.joined())
        var sqliteOptions = SQLiteSink.Options()
        sqliteOptions.path = dir.path + "/oom.db"
        sqliteOptions.busyTimeoutMs = 0
        let sqlite = try SQLiteSink(options: sqliteOptions, context: testContext())
        let lock = try holdWriteLock(sqliteOptions.path)
        var csvOptions = CSVSink.Options()
        csvOptions.path = dir.path + "/oom.csv"
        var promOptions = PrometheusSink.Options()
        promOptions.path = dir.path + "/oomlens.prom"
        let csv = try CSVSink(options: csvOptions, context: testContext())
        let prom = try PrometheusSink(options: promOptions, context: testContext())
        let pipeline = Pipeline(lineStages: [EventPerLineStage()], eventStages: [],
                                sinks: [("sqlite", sqlite), ("csv", csv), ("prometheus", prom)])
        let summary = pipeline.run(InputResolver.resolve([log]).files)
        try lock.writeWithoutTransaction { try $0.execute(sql: "ROLLBACK") }

        #expect(summary.errors.count == 1)
        #expect(summary.errors.first?.code == .sinkFailed)
        #expect(summary.errors.first?.path == "sqlite")
        let csvText = try String(contentsOfFile: csvOptions.path, encoding: .utf8)
        #expect(csvText.split(separator: "\r\n").count == 6)
        let prometheusText = try String(contentsOfFile: promOptions.path, encoding: .utf8)
        #expect(prometheusText.contains("oomlens_events_total{host=\"web\",kind=\"oom\"} 5\n"))
        #expect(prometheusText.contains("oomlens_pipeline_total{counter=\"lines\"} 5\n"))
        #expect(prometheusText.contains("oomlens_pipeline_total{counter=\"errors\"} 1\n"))
    }

    /// The README's SQLite section: every `sql` block runs and answers on a filled database.
    @Test func readmeQueriesRun() throws {
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "\n## ").first { $0.hasPrefix("SQLite") })
        let blocks = section.components(separatedBy: "```sql\n").dropFirst().map { $0.components(separatedBy: "```")[0] }
        #expect(blocks.count == 3)
        let dir = TemporaryDirectory()
        let path = dir.path + "/oom.db"
        let sink = try makeSink(path)
        try sink.write([richEvent(1), richEvent(2, victim: "java", cause: "zone-watermark"), sampleEvent(3)])
        try sink.close()
        try openDatabase(path).read { db in
            for sql in blocks {
                let rows = try Row.fetchAll(db, sql: sql)
                #expect(!rows.isEmpty, "no rows from: \(sql)")
            }
        }
    }

    /// `oomlens run samples/` with the shipped pipeline.json fills oomlens.db and prints the console report;
    /// a second run adds nothing.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: oomlensBinary.path),
                   "the oomlens executable is not built next to the tests"))
    func shippedPipelineFillsTheDatabase() throws {
        let dir = TemporaryDirectory()
        try FileManager.default.copyItem(atPath: repositoryRoot.appendingPathComponent("pipeline.json").path,
                                         toPath: dir.path + "/pipeline.json")
        var counts: [Int] = []
        for _ in 0..<2 {
            let p = Process()
            p.executableURL = oomlensBinary
            p.arguments = ["run", "--quiet", repositoryRoot.appendingPathComponent("samples").path]
            p.currentDirectoryURL = URL(fileURLWithPath: dir.path)
            let out = Pipe()
            p.standardOutput = out
            try p.run()
            let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            #expect(p.terminationStatus == 0)
            #expect(text.contains("OOM kill"))
            counts.append(try openDatabase(dir.path + "/oomlens.db").read { db in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM oom_events") ?? 0
            })
        }
        #expect(counts[0] >= 3)
        #expect(counts[1] == counts[0])
    }
}

/// The `oomlens` executable in the build directory, next to the test bundle.
let oomlensBinary: URL = {
    var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("oomlens").path), dir.path != "/" {
        dir.deleteLastPathComponent()
    }
    return dir.appendingPathComponent("oomlens")
}()

/// Opens a second connection that takes the write lock of the database at `path` and keeps it until
/// `ROLLBACK`.
func holdWriteLock(_ path: String) throws -> DatabaseQueue {
    var config = Configuration()
    config.allowsUnsafeTransactions = true
    let queue = try DatabaseQueue(path: path, configuration: config)
    try queue.writeWithoutTransaction { try $0.execute(sql: "BEGIN IMMEDIATE") }
    return queue
}

/// A line stage that turns every line into an OOM event (id from the line number), for pipeline tests.
final class EventPerLineStage: LineStage {
    func process(_ batch: LineBatch, _ context: StageContext) {
        for i in 0..<batch.count {
            var e = OOMEvent(id: "line\(batch.firstLineNumber + i)", kind: .oom, complete: true,
                             source: .init(path: batch.input.path, first_line: batch.firstLineNumber + i,
                                           last_line: batch.firstLineNumber + i))
            e.host = "web"
            context.events.append(e)
        }
    }
}
