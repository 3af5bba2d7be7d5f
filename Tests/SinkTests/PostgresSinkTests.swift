import Foundation
import OOMLensSinkAPI
import PostgresSink
import Testing

/// Connection URL of a real PostgreSQL server for these tests (`.ci/run` starts one and sets it), e.g.
/// `postgres://oomlens:secret@127.0.0.1:5432/oomlens_test?sslmode=disable`.
let postgresTestURL = ProcessInfo.processInfo.environment["OOMLENS_TEST_POSTGRES_URL"]

/// Runs SQL through `psql` (an independent client) and returns the rows, columns separated by `|`.
@discardableResult
func psql(_ sql: String) throws -> [String] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["psql", postgresTestURL ?? "", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql]
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw SinkError(sink: "psql", message: "psql failed: \(sql)") }
    return String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
}

/// Runs a program (no shell) and returns its wait status. Foundation's `Process` is not used here: in the test
/// process it did not always notice that `pg_ctlcluster` had exited.
func runAndWait(_ argv: [String]) -> Int32 {
    let args: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
    let env: [UnsafeMutablePointer<CChar>?] = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
        for p in args + env { free(p) }
    }
    var pid: pid_t = 0
    guard posix_spawnp(&pid, argv[0], nil, nil, args, env) == 0 else { return -1 }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 {
        if errno != EINTR { return -1 }
    }
    return status
}

@Suite(.serialized, .enabled(if: postgresTestURL != nil,
                             "set OOMLENS_TEST_POSTGRES_URL to a real server's URL (.ci/run does) to run these"))
struct PostgresSinkTests {
    /// Ids of this test run start with it, so runs and tests never see each other's rows.
    let prefix = "t" + UUID().uuidString.prefix(8).lowercased() + "-"

    private func event(_ n: Int, victim: String = "python") -> OOMEvent {
        var e = sampleEvent(n)
        e.id = prefix + String(n)
        e.time = "2024-02-02T23:10:01-02:00"
        e.victim = OOMEvent.Victim(pid: 593, comm: victim)
        e.victim?.anon_rss_kb = 2184
        e.trigger = OOMEvent.Trigger()
        e.trigger?.comm = "java"
        e.trigger?.order = 0
        e.trigger?.gfp_mask = "0x2084d0"
        var t = OOMEvent.Task(pid: 593, name: "py'thon; DROP TABLE oom_events;--")
        t.rss_pages = 546
        e.tasks = [t, OOMEvent.Task(pid: 12, name: "sshd")]
        var d = OOMEvent.Diagnosis(cause: "lowmem-exhausted", summary: "Normal free 3556 kB is below min 3672 kB")
        d.unexplained_kb = 42
        e.diagnosis = d
        return e
    }

    private func options(batchSize: Int = 500) -> PostgresSink.Options {
        var o = PostgresSink.Options()
        o.url = postgresTestURL ?? ""
        o.batchSize = batchSize
        o.retries = 30
        o.retryBackoffMs = 100
        return o
    }

    private func count(_ table: String, column: String = "event_id") throws -> Int {
        Int(try psql("SELECT count(*) FROM \(table) WHERE \(column) LIKE '\(prefix)%'")[0])!
    }

    private func removeRows() throws {
        try psql("DELETE FROM oom_events WHERE id LIKE '\(prefix)%'")
    }

    @Test func rowsCanBeReadBackWithSQL() throws {
        defer { try? removeRows() }
        let sink = try PostgresSink(options: options(), context: testContext())
        try sink.write([event(1), event(2)])
        try sink.flush()
        let row = try psql("""
            SELECT kind, complete, host, time AT TIME ZONE 'UTC', day, source_path, first_line, trigger_comm, gfp_mask,
                   order_, victim_pid, victim_comm, victim_anon_rss_kb, cause, event_json->>'id',
                   event_json->'zones'->0->>'free_kb'
            FROM oom_events WHERE id = '\(prefix)1'
            """)
        #expect(row == ["oom|t|web1|2024-02-03 01:10:01|2024-02-03|/var/log/syslog|1|java|0x2084d0|0|593|python|2184"
                        + "|lowmem-exhausted|\(prefix)1|3556"])
        #expect(try psql("SELECT zone, free_kb, min_kb, buddy_total_kb FROM oom_zones WHERE event_id = '\(prefix)1'")
                == ["Normal|3556|3672|3580"])
        #expect(try psql("SELECT order_, count, coalesce(types, '-') FROM oom_buddy WHERE event_id = '\(prefix)1' ORDER BY order_")
                == ["0|333|UEM", "1|269|-"])
        #expect(try psql("SELECT seq, pid, name, rss_pages FROM oom_tasks WHERE event_id = '\(prefix)2' ORDER BY seq")
                == ["0|593|py'thon; DROP TABLE oom_events;--|546", "1|12|sshd|"])
        #expect(try psql("SELECT cause, unexplained_kb FROM oom_diagnoses WHERE event_id = '\(prefix)2'")
                == ["lowmem-exhausted|42"])
        // The full event round-trips through event_json.
        let json = try psql("SELECT event_json FROM oom_events WHERE id = '\(prefix)2'")[0]
        #expect(try JSONDecoder().decode(OOMEvent.self, from: Data(json.utf8)) == event(2))

        // An update of an event replaces its row and its child rows.
        var updated = event(1, victim: "postgres")
        updated.tasks = []
        updated.diagnosis = nil
        try sink.write([updated])
        try sink.close()
        #expect(try psql("SELECT victim_comm, coalesce(cause, '-') FROM oom_events WHERE id = '\(prefix)1'")
                == ["postgres|-"])
        #expect(try psql("SELECT count(*) FROM oom_tasks WHERE event_id = '\(prefix)1'") == ["0"])
        #expect(try psql("SELECT count(*) FROM oom_diagnoses WHERE event_id = '\(prefix)1'") == ["0"])
        #expect(try count("oom_events", column: "id") == 2)
        #expect(try count("oom_tasks") == 2)
    }

    @Test func aDuplicateBatchAddsNothing() throws {
        defer { try? removeRows() }
        let sink = try PostgresSink(options: options(batchSize: 3), context: testContext())
        let batch = (0..<7).map { event($0) }
        try sink.write(batch)
        try sink.flush()
        let before = try [count("oom_events", column: "id"), count("oom_zones"), count("oom_buddy"),
                          count("oom_tasks"), count("oom_diagnoses")]
        try sink.write(batch)
        try sink.write(batch + batch)  // the same id twice in one transaction, too
        try sink.close()
        let after = try [count("oom_events", column: "id"), count("oom_zones"), count("oom_buddy"),
                         count("oom_tasks"), count("oom_diagnoses")]
        #expect(before == [7, 7, 14, 14, 7])
        #expect(after == before)
        // A second sink (another agent re-running the same archive) adds nothing either.
        let again = try PostgresSink(options: options(), context: testContext())
        try again.write(batch)
        try again.close()
        #expect(try count("oom_events", column: "id") == 7)
        #expect(try count("oom_tasks") == 14)
    }

    @Test func twoWritersAtOnceEndWithOneRowPerID() throws {
        defer { try? removeRows() }
        let ids = Array(0..<300)
        let events = ids.map { event($0) }
        let failures = SinkWarnings()
        let done = DispatchGroup()
        for writer in 0..<2 {
            // Overlapping batches of the same ids, in opposite orders and with different batch sizes.
            let order = writer == 0 ? events : events.reversed()
            let batchSize = writer == 0 ? 25 : 40
            let options = options(batchSize: batchSize)
            let context = failures.context
            done.enter()
            Thread {
                do {
                    let sink = try PostgresSink(options: options, context: context)
                    for chunk in stride(from: 0, to: order.count, by: 17) {
                        try sink.write(Array(order[chunk..<min(order.count, chunk + 17)]))
                    }
                    try sink.close()
                } catch {
                    context.warn("writer \(writer) failed: \(error)")
                }
                done.leave()
            }.start()
        }
        done.wait()
        #expect(!failures.contains("failed:"))
        #expect(try psql("SELECT count(*), count(DISTINCT id) FROM oom_events WHERE id LIKE '\(prefix)%'") == ["300|300"])
        #expect(try count("oom_zones") == 300)
        #expect(try count("oom_tasks") == 600)
        #expect(try count("oom_diagnoses") == 300)
        #expect(try psql("SELECT count(*) FROM (SELECT event_id FROM oom_tasks WHERE event_id LIKE '\(prefix)%'"
                         + " GROUP BY event_id HAVING count(*) <> 2) AS wrong") == ["0"])
    }

    @Test func aServerRestartLosesNoAcknowledgedEvent() throws {
        defer { try? removeRows() }
        let warnings = SinkWarnings()
        let sink = try PostgresSink(options: options(batchSize: 5), context: warnings.context)
        let restartCommand = ProcessInfo.processInfo.environment["OOMLENS_TEST_POSTGRES_RESTART"]
            ?? "pg_ctlcluster 15 main restart"
        let restarted = DispatchSemaphore(value: 0)
        let restartStatus = Collected()
        var acknowledged: [String] = []
        var next = 0
        func writeAndFlush() throws {
            let batch = (next..<next + 7).map { event($0) }
            next += 7
            try sink.write(batch)
            try sink.flush()
            acknowledged += batch.map(\.id)
        }
        for _ in 0..<5 { try writeAndFlush() }
        Thread {
            let status = runAndWait(restartCommand.split(separator: " ").map(String.init))
            restartStatus.add([status == 0 ? 0 : 1])
            restarted.signal()
        }.start()
        // Keep writing while the server stops and starts again.
        let giveUp = Date().addingTimeInterval(120)
        var restartDone = false
        while !restartDone && Date() < giveUp {
            try writeAndFlush()
            restartDone = restarted.wait(timeout: .now() + .milliseconds(30)) == .success
        }
        #expect(restartDone)
        #expect(restartStatus.bytes == [0])
        for _ in 0..<5 { try writeAndFlush() }
        try sink.close()

        #expect(try count("oom_events", column: "id") == acknowledged.count)
        let stored = Set(try psql("SELECT id FROM oom_events WHERE id LIKE '\(prefix)%'"))
        #expect(stored == Set(acknowledged))
        #expect(try count("oom_tasks") == 2 * acknowledged.count)
        // The restart was noticed (a failed attempt was retried on a new connection).
        #expect(warnings.contains("retrying in"))
        #expect(warnings.contains("back after"))
    }

    @Test func aWrongPasswordFailsAtOnceWithASinkError() throws {
        var o = options()
        o.password = "wrong"
        o.passwordEnv = ""
        var url = URLComponents(string: postgresTestURL ?? "")!
        url.password = "definitely-wrong"
        o.url = url.string!
        let start = Date()
        #expect(throws: SinkError.self) { try PostgresSink(options: o, context: testContext()) }
        #expect(Date().timeIntervalSince(start) < 5)
    }
}

/// The parts of the `postgres` sink that need no server.
struct PostgresSinkOfflineTests {
    @Test func anUnreachableServerFailsAfterItsRetries() throws {
        var o = PostgresSink.Options()
        o.host = "127.0.0.1"
        o.port = 1
        o.retries = 2
        o.retryBackoffMs = 10
        o.tls = "disable"
        let warnings = SinkWarnings()
        #expect {
            try PostgresSink(options: o, context: warnings.context)
        } throws: { ($0 as? SinkError)?.message.contains("after 3 attempts") == true }
        #expect(warnings.all.filter { $0.contains("retrying in") }.count == 2)
    }

    @Test func badOptionsAreSinkErrors() {
        for change in [{ (o: inout PostgresSink.Options) in o.url = "mysql://x/y" },
                       { (o: inout PostgresSink.Options) in o.tls = "sometimes" },
                       { (o: inout PostgresSink.Options) in o.batchSize = 0 },
                       { (o: inout PostgresSink.Options) in o.passwordEnv = "OOMLENS_TEST_UNSET_VARIABLE_1234" },
                       { (o: inout PostgresSink.Options) in o.url = "postgres://u@h/db?foo=bar" }] {
            var o = PostgresSink.Options()
            change(&o)
            #expect(throws: SinkError.self) { try PostgresSink(options: o, context: testContext()) }
        }
    }
}
