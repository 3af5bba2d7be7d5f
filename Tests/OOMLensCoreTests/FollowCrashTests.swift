import Foundation
import OOMLensCore
import OOMLensSinkAPI
import OOMLensStages
import OOMLensTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `oomlens follow` killed with SIGKILL at random points while a writer appends OOM reports (and rotates the
/// log), restarted each time: afterwards the SQLite sink holds every report exactly once, and the JSON Lines sink
/// (appending) holds every id at least once.
///
/// The normal suite tries a handful of kill points. `scripts/follow-soak.sh` sets `OOMLENS_FOLLOW_SOAK_KILLS` to
/// run many more and prints the figures.
@Suite(.serialized)
struct FollowCrashTests {
    /// What a crash run found.
    struct Figures: CustomStringConvertible {
        var killPoints = 0
        var expected = 0
        var lost = 0
        var duplicated = 0
        var unexpected = 0
        var missingUpdates = 0
        var jsonlDeliveries = 0
        var jsonlMissing = 0
        var killsWithGzipRestartPoint = 0
        var failedGzipRestarts = 0
        var description: String {
            "kill points tried: \(killPoints), reports: \(expected), events lost: \(lost), events duplicated: "
                + "\(duplicated), ids not in a batch run: \(unexpected), reaper updates missing: \(missingUpdates), "
                + "JSON Lines deliveries (at least once: updates and repeats after kills included): \(jsonlDeliveries), "
                + "JSON Lines ids missing: \(jsonlMissing), kills while a gzip restart point was checkpointed: "
                + "\(killsWithGzipRestartPoint), gzip restart points that failed: \(failedGzipRestarts)"
        }
    }

    /// Tells the writer thread to finish.
    final class StopFlag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        var isSet: Bool {
            lock.lock()
            defer { lock.unlock() }
            return value
        }
        func set() {
            lock.lock()
            value = true
            lock.unlock()
        }
    }

    static var binary: String {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("oomlens").path), dir.path != "/" {
            dir.deleteLastPathComponent()
        }
        return dir.appendingPathComponent("oomlens").path
    }

    /// The log text of one or two (interleaved, two hosts) synthesised reports.
    static func reportText(_ random: inout SynthSeededRandom, _ writer: inout LogPrefixWriter, seed: UInt64) -> String {
        let eras: [SynthesizedKernelEra] = [.linux3_10, .linux4_8, .linux4_19, .linux6_1, .memcgV1, .memcgV2]
        func one(_ host: String, _ seed: UInt64) -> [SynthesizedLogEntry] {
            var generator = SynthesizedParameterGenerator(seed: seed)
            var parameters = generator.parameters(for: eras[Int(seed % UInt64(eras.count))], host: host)
            parameters.includeKillLines = !random.chance(10)
            return ReportSynthesizer.synthesize(parameters).entries
        }
        var entries = one("node-a", seed)
        if random.chance(30) { entries = SynthesizedLogInterleaver.merge([entries, one("node-b", seed &+ 7777)], seed: seed) }
        var noise = random.chance(50) ? NoiseWriter.entries(count: random.int(in: 1...6), host: "node-a",
                                                           style: .traditionalSyslog, random: &random) : []
        noise += entries
        return LogPrefixWriter.fileText(writer.render(noise))
    }

    /// Plain noise lines (no kernel messages) to pad the backlog.
    static func paddingText(lines: Int, _ random: inout SynthSeededRandom) -> String {
        var out = ""
        for i in 0..<lines {
            out += "Jan 31 23:\(10 + i % 50):\(10 + i % 49) node-c sshd[\(random.int(in: 100...9999))]: "
                + "Connection closed by 10.0.\(i % 250).\(random.int(in: 1...250)) port \(random.int(in: 1024...65000))\n"
        }
        return out
    }

    static func write(_ path: String, _ text: String) {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        precondition(fd >= 0)
        let bytes = Array(text.utf8)
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, $0.count - done) }
            precondition(n > 0)
            done += n
        }
        close(fd)
    }

    /// Starts `oomlens follow` on the live log.
    static func startFollower(_ dir: String) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = ["follow", "--config", dir + "/pipeline.json", "--state", dir + "/state", "--from-start",
                       "--idle-ms", "300", "--partial-line-ms", "200", dir + "/logs/syslog"]
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        p.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        let log = dir + "/follow.stderr"
        if !FileManager.default.fileExists(atPath: log) { _ = FileManager.default.createFile(atPath: log, contents: nil) }
        let err = FileHandle(forWritingAtPath: log)!
        err.seekToEndOfFile()
        p.standardError = err
        try p.run()
        return p
    }

    /// Sends SIGTERM and waits (at most 60 s, then SIGKILL) for the process to end; false when it had to be killed.
    static func terminate(_ p: Process) -> Bool {
        kill(p.processIdentifier, SIGTERM)
        for _ in 0..<600 where p.isRunning { usleep(100_000) }
        let stopped = !p.isRunning
        if !stopped { kill(p.processIdentifier, SIGKILL) }
        p.waitUntilExit()
        return stopped
    }

    /// Ids (and whether the event has `reaped`) that a batch run over the final rotation set finds.
    static func batchIds(_ logs: String) -> [String: Bool] {
        let sink = CollectingSink()
        let pipeline = Pipeline(lineStages: [TokenizerStage(options: .init()), OOMBlockAssemblerStage(options: .init())],
                                eventStages: [], sinks: [(name: "collect", sink: sink)])
        _ = pipeline.run(InputResolver.resolve([logs]).files)
        var out: [String: Bool] = [:]
        for e in sink.events { out[e.id] = e.reaped != nil }
        return out
    }

    /// `id` → has `reaped`, and the row count, from the SQLite sink's database (with the sqlite3 tool).
    static func sqliteRows(_ db: String) throws -> (ids: [String: Bool], rows: Int) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["sqlite3", "-readonly", db,
                       "SELECT id || ' ' || (event_json LIKE '%\"reaped\"%') FROM oom_events;"]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        var ids: [String: Bool] = [:]
        var rows = 0
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count == 2 else { continue }
            rows += 1
            ids[String(parts[0])] = parts[1] == "1"
        }
        return (ids, rows)
    }

    /// Every `"id":"…"` in the JSON Lines file (a line torn by SIGKILL still gives the ids it holds whole).
    static func jsonlIds(_ path: String) -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let text = String(decoding: data, as: UTF8.self)
        var ids: [String] = []
        var rest = text[...]
        while let r = rest.range(of: "\"id\":\"") {
            let start = r.upperBound
            let end = rest.index(start, offsetBy: 16, limitedBy: rest.endIndex) ?? rest.endIndex
            let id = rest[start..<end]
            if id.count == 16, id.allSatisfy(\.isHexDigit) { ids.append(String(id)) }
            rest = rest[end...]
        }
        return ids
    }

    /// Runs the whole scenario with `kills` kill points.
    static func crashRun(kills: Int, seed: UInt64) throws -> Figures {
        let tmp = TemporaryDirectory()
        let dir = tmp.path
        let logs = dir + "/logs"
        try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
        let db = dir + "/oomlens.db"
        let jsonl = dir + "/events.jsonl"
        tmp.write("pipeline.json", """
            {"version": 1,
             "stages": [{"type": "tokenizer"}, {"type": "oom-assembler"}],
             "sinks": [{"type": "sqlite", "options": {"path": "\(db)"}},
                       {"type": "jsonl", "options": {"path": "\(jsonl)", "append": true}}]}
            """)
        // A backlog: a big gzipped rotated file (so that kills land inside it) and a plain one.
        var random = SynthSeededRandom(seed: seed)
        var prefix = LogPrefixWriter(style: .traditionalSyslog,
                                     start: LogPrefixClock(year: 2024, month: 1, day: 30, hour: 1, minute: 0, second: 0))
        var backlog = ""
        for i in 0..<40 {
            backlog += paddingText(lines: 1500, &random)
            backlog += reportText(&random, &prefix, seed: seed &* 1000 &+ UInt64(i))
        }
        tmp.write("logs/syslog.2.gz", GzipEncoder.compress(Array(backlog.utf8)))
        var older = ""
        for i in 40..<50 { older += reportText(&random, &prefix, seed: seed &* 1000 &+ UInt64(i)) }
        tmp.write("logs/syslog.1", older)
        _ = FileManager.default.createFile(atPath: logs + "/syslog", contents: nil)

        // The writer: a report every few tens of milliseconds, a rename rotation now and then.
        let stop = StopFlag()
        let writerDone = DispatchSemaphore(value: 0)
        let live = logs + "/syslog"
        let writerSeed = seed &+ 1
        let writer = Thread {
            var random = SynthSeededRandom(seed: writerSeed)
            var prefix = LogPrefixWriter(style: .traditionalSyslog,
                                         start: LogPrefixClock(year: 2024, month: 2, day: 2, hour: 4, minute: 0, second: 0))
            var n: UInt64 = 0
            var rotations = 0
            while !stop.isSet {
                write(live, paddingText(lines: random.int(in: 0...30), &random))
                write(live, reportText(&random, &prefix, seed: writerSeed &* 5000 &+ n))
                n += 1
                if random.chance(8) {
                    rotations += 1
                    let writer = FollowRotatingWriter(path: live)
                    writer.shiftRotated()
                    rename(live, live + ".1")
                    _ = FileManager.default.createFile(atPath: live, contents: nil)
                    if rotations % 2 == 0 { writer.compressSecond() }
                }
                usleep(UInt32(random.int(in: 5_000...40_000)))
            }
            writerDone.signal()
        }
        writer.start()

        var figures = Figures()
        var killRandom = SynthSeededRandom(seed: seed &+ 2)
        for _ in 0..<kills {
            let p = try startFollower(dir)
            // Mostly short runs; some long enough for a checkpoint while it catches up (one a second).
            let lifetime = killRandom.chance(25) ? killRandom.int(in: 1_100_000...2_500_000)
                : killRandom.int(in: 30_000...900_000)
            usleep(UInt32(lifetime))
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            figures.killPoints += 1
            if let cp = FileManager.default.contents(atPath: dir + "/state/checkpoint.json"),
               String(decoding: cp, as: UTF8.self).contains("\"sync_point\"") {
                figures.killsWithGzipRestartPoint += 1
            }
        }
        stop.set()
        writerDone.wait()

        // The last run: let it catch up with everything, then stop it properly.
        let expected = batchIds(logs)
        let final = try startFollower(dir)
        for _ in 0..<1200 {
            usleep(100_000)
            if Set(jsonlIds(jsonl)).isSuperset(of: expected.keys) { break }
        }
        usleep(500_000)
        #expect(Self.terminate(final), "SIGTERM: it stops within 60 s")
        #expect(final.terminationStatus == 0, "SIGTERM: exit status 0")

        let stored = try sqliteRows(db)
        figures.expected = expected.count
        figures.lost = expected.keys.filter { stored.ids[$0] == nil }.count
        figures.unexpected = stored.ids.keys.filter { expected[$0] == nil }.count
        figures.duplicated = stored.rows - stored.ids.count + figures.unexpected
        figures.missingUpdates = expected.filter { $0.value && stored.ids[$0.key] == false }.count
        let delivered = jsonlIds(jsonl)
        figures.jsonlDeliveries = delivered.count
        figures.jsonlMissing = Set(expected.keys).subtracting(delivered).count
        let stderrLog = String(decoding: FileManager.default.contents(atPath: dir + "/follow.stderr") ?? Data(), as: UTF8.self)
        figures.failedGzipRestarts = stderrLog.components(separatedBy: "restart point did not work").count - 1
        if figures.lost + figures.duplicated + figures.missingUpdates + figures.jsonlMissing > 0,
           let log = FileManager.default.contents(atPath: dir + "/follow.stderr") {
            print(String(decoding: log, as: UTF8.self).suffix(4000))
        }
        return figures
    }

    @Test func reportsSurviveKillsOfTheFollowerExactlyOnce() throws {
        let kills = ProcessInfo.processInfo.environment["OOMLENS_FOLLOW_SOAK_KILLS"].flatMap(Int.init) ?? 6
        let seed = ProcessInfo.processInfo.environment["OOMLENS_FOLLOW_SOAK_SEED"].flatMap(UInt64.init) ?? 2024
        let figures = try Self.crashRun(kills: kills, seed: seed)
        print("follow soak: \(figures)")
        #expect(figures.killPoints == kills)
        #expect(figures.expected > 50)
        #expect(figures.lost == 0)
        #expect(figures.duplicated == 0)
        #expect(figures.unexpected == 0)
        #expect(figures.missingUpdates == 0)
        #expect(figures.jsonlMissing == 0)
        #expect(figures.failedGzipRestarts == 0)
    }
}
