import Foundation
import OOMLensTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `oomlens follow` with `/metrics` served and `--stats-interval`: a real process, a real socket.
@Suite(.serialized)
struct FollowMetricsTests {
    typealias Follow = FollowCommandTests

    /// The shipped sample log with RFC 3339 stamps (`2026-02-02T04:10:02.250000+00:00`), so that log times are
    /// exact instants.
    static var isoSample: Data {
        let text = String(decoding: Follow.sampleReports, as: UTF8.self)
        let lines = text.split(separator: "\n").map { line -> String in
            guard line.hasPrefix("Feb  2 ") else { return String(line) }
            let time = line.dropFirst(7).prefix(8)
            return "2026-02-02T\(time).250000+00:00" + line.dropFirst(15)
        }
        return Data((lines.joined(separator: "\n") + "\n").utf8)
    }

    /// The port in `serving metrics on http://127.0.0.1:PORT/metrics`.
    static func port(in stderr: String) -> Int? {
        guard let start = stderr.range(of: "serving metrics on http://127.0.0.1:") else { return nil }
        return Int(stderr[start.upperBound...].prefix { $0.isNumber })
    }

    static func samples(port: Int) -> [PromSample]? {
        guard let r = try? HTTPGet.get(port: port, path: "/metrics"), r.status == 200 else { return nil }
        return parseExposition(r.body)?.samples
    }

    static func value(_ samples: [PromSample], _ name: String, _ labels: [String: String] = [:]) -> Double? {
        samples.first { sample in sample.name == name && labels.allSatisfy { sample.labels[$0.key] == $0.value } }?.value
    }

    @Test func metricsServeTheKillsThePipelineCountersAndTheProgressOfEachFile() throws {
        let dir = Follow.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let log = dir + "/syslog"
        let follower = try Follow.Follower(["--state", dir + "/state", "--output", "jsonl:" + dir + "/out.jsonl",
                                            "--metrics-listen", "127.0.0.1:0", log], in: dir)
        var port = 0
        #expect(Follow.waitUntil {
            port = Self.port(in: follower.stderr) ?? 0
            return port > 0 && FileManager.default.fileExists(atPath: dir + "/state/checkpoint.json")
        })
        var before: [PromSample] = []
        #expect(Follow.waitUntil {
            before = Self.samples(port: port) ?? []
            return Self.value(before, "oomlens_follow_caught_up", ["path": log]) == 1
        })
        #expect(!before.contains { $0.name == "oomlens_oom_kills_total" })

        let report = Self.isoSample
        let appendedLines = report.filter { $0 == 0x0A }.count
        Follow.append(log, report)
        #expect(Follow.waitUntil { Follow.lineCount(dir + "/out.jsonl") >= 1 })
        let size = Double((try FileManager.default.attributesOfItem(atPath: log)[.size] as? Int) ?? -1)
        var samples: [PromSample] = []
        #expect(Follow.waitUntil {
            samples = Self.samples(port: port) ?? []
            return Self.value(samples, "oomlens_follow_file_offset_bytes", ["path": log]) == size
                && Self.value(samples, "oomlens_oom_kills_total") != nil
                && Self.value(samples, "oomlens_pipeline_total", ["counter": "lines"]) == Double(appendedLines)
        })

        let kills = samples.filter { $0.name == "oomlens_oom_kills_total" }
        #expect(kills.count == 1)
        #expect(kills.first?.value == 1)
        #expect(kills.first?.labels["host"] == "db1")
        #expect(kills.first?.labels["victim"] == "postgres")
        #expect(kills.first.map { Set($0.labels.keys) } == ["host", "victim", "cause", "cgroup"])
        let cause = kills.first?.labels["cause"] ?? ""
        #expect(cause != "")

        // The last kill's time is the report's log time, as the JSONL event has it.
        let expected = try #require(ISO8601DateFormatter.fractional.date(from: "2026-02-02T04:10:02.250000Z"))
        #expect(Self.value(samples, "oomlens_last_oom_kill_timestamp_seconds", ["host": "db1"])
            == expected.timeIntervalSince1970)
        let event = try JSONSerialization.jsonObject(with: Data(
            String(decoding: FileManager.default.contents(atPath: dir + "/out.jsonl")!, as: UTF8.self)
                .split(separator: "\n")[0].utf8)) as? [String: Any]
        let eventTime = try #require(event?["time"] as? String)
        #expect(ISO8601DateFormatter.fractional.date(from: eventTime) == expected)

        // The pipeline's own counters and the file's progress.
        #expect(Self.value(samples, "oomlens_pipeline_total", ["counter": "bytes"]) == Double(report.count))
        #expect((Self.value(samples, "oomlens_pipeline_total", ["counter": "events"]) ?? 0) >= 1)
        #expect((Self.value(samples, "oomlens_follow_stage_events_total", ["stage": "oom-assembler"]) ?? 0) >= 1)
        #expect((Self.value(samples, "oomlens_follow_events_delivered_total", ["kind": "oom"]) ?? 0) >= 1)
        #expect(Self.value(samples, "oomlens_follow_lines_cut_total") == 0)
        #expect(Self.value(samples, "oomlens_follow_file_size_bytes", ["path": log, "file": log]) == size)
        #expect(Self.value(samples, "oomlens_follow_lag_bytes", ["path": log]) == 0)
        #expect(Self.value(samples, "oomlens_follow_caught_up", ["path": log]) == 1)
        #expect(Self.value(samples, "oomlens_follow_lag_seconds", ["path": log]) == 0)
        #expect((Self.value(samples, "oomlens_follow_last_read_age_seconds", ["path": log]) ?? -1) >= 0)

        let other = try HTTPGet.get(port: port, path: "/")
        #expect(other.status == 404)
        // A second follower cannot bind the same address: a clear error, exit status 2.
        try FileManager.default.createDirectory(atPath: dir + "/state2", withIntermediateDirectories: true)
        let second = try OOMLensBinary.run(["follow", "--state", dir + "/state2", "--output", "jsonl:" + dir + "/2.jsonl",
                                            "--metrics-listen", "127.0.0.1:\(port)", log])
        #expect(second.status == 2)
        #expect(second.stderr.contains("cannot serve /metrics on 127.0.0.1:\(port)"))
        let exposition = try HTTPGet.get(port: port, path: "/metrics")
        #expect(exposition.head.lowercased().contains("content-type: text/plain; version=0.0.4"))
        #expect(follower.stop() == 0)
        #expect((try? HTTPGet.get(port: port, path: "/metrics")) == nil)
    }

    @Test func aConfiguredPrometheusSinkServesItsListenAddressAndStillWritesItsFile() throws {
        let dir = Follow.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let config = dir + "/pipeline.json"
        _ = FileManager.default.createFile(atPath: config, contents: Data("""
            {"version": 1, "stages": [{"type": "tokenizer"}, {"type": "oom-assembler"}, {"type": "diagnosis"}],
             "sinks": [{"type": "prometheus", "options": {"path": "\(dir)/oom.prom", "listen": "127.0.0.1:0"}}]}
            """.utf8))
        let follower = try Follow.Follower(["--config", config, "--state", dir + "/state", dir + "/syslog"], in: dir)
        var port = 0
        #expect(Follow.waitUntil {
            port = Self.port(in: follower.stderr) ?? 0
            return port > 0
        })
        Follow.append(dir + "/syslog", Self.isoSample)
        #expect(Follow.waitUntil { Self.value(Self.samples(port: port) ?? [], "oomlens_oom_kills_total") == 1 })
        #expect(follower.stop() == 0)
        let file = String(decoding: FileManager.default.contents(atPath: dir + "/oom.prom") ?? Data(), as: UTF8.self)
        #expect(Self.value(parseExposition(file)?.samples ?? [], "oomlens_oom_kills_total", ["victim": "postgres"]) == 1)
    }

    @Test func aBadListenAddressIsRefused() throws {
        let r = try OOMLensBinary.run(["follow", "--metrics-listen", "localhost", "/tmp/none"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("HOST:PORT"))
    }

    @Test func statsIntervalPrintsOneLineAtATimeWhileFollowing() throws {
        let dir = Follow.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let log = dir + "/syslog"
        let follower = try Follow.Follower(["--state", dir + "/state", "--output", "jsonl:" + dir + "/out.jsonl",
                                            "--stats-interval", "0.2", "--stats", log], in: dir)
        let report = Follow.sampleReports
        let lines = report.filter { $0 == 0x0A }.count
        #expect(Follow.waitUntil { FileManager.default.fileExists(atPath: dir + "/state/checkpoint.json") })
        Follow.append(log, report)
        #expect(Follow.waitUntil { Follow.lineCount(dir + "/out.jsonl") >= 1 })
        // Lines keep coming: wait for one after the report was read.
        #expect(Follow.waitUntil {
            let periodic = follower.stderr.split(separator: "\n").filter { $0.hasPrefix("oomlens stats:") }
            return periodic.count >= 2 && periodic.last?.contains(" \(lines) lines,") == true
        })
        #expect(follower.stop() == 0)
        let periodic = follower.stderr.split(separator: "\n").filter { $0.hasPrefix("oomlens stats:") }
        #expect(periodic.count >= 2)
        let last = try #require(periodic.last)
        #expect(last.contains("\(report.count) bytes"))
        #expect(last.contains("oom-assembler"))
        #expect(last.contains("\(log): "))
        #expect(last.contains("caught up"))
        // The summary at exit follows the periodic lines.
        #expect(follower.stderr.contains("oomlens follow: \(lines) lines"))
        #expect(follower.stderr.contains("events by stage:"))
    }
}

extension ISO8601DateFormatter {
    /// RFC 3339 with fractional seconds.
    static var fractional: ISO8601DateFormatter {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f
    }
}
