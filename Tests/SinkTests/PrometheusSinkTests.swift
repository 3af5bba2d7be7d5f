import Foundation
import OOMLensSinkAPI
import OOMLensTestSupport
import PrometheusSink
import Testing

struct PrometheusSinkTests {
    func makeSink(_ path: String) throws(SinkError) -> PrometheusSink {
        var options = PrometheusSink.Options()
        options.path = path
        return try PrometheusSink(options: options, context: testContext())
    }

    func read(_ path: String) throws -> (samples: [PromSample], types: [String: String]) {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try #require(parseExposition(text), "not the exposition format:\n\(text)")
    }

    func value(_ samples: [PromSample], _ name: String, _ labels: [String: String]) -> Double? {
        samples.first { $0.name == name && $0.labels == labels }?.value
    }

    @Test func killsAreCountedByHostVictimCauseAndCgroup() throws {
        let dir = TemporaryDirectory()
        let path = dir.path + "/oomlens.prom"
        var failure = sampleEvent(9)
        failure.kind = .allocationFailure
        failure.victim = nil
        var global = richEvent(4, cause: nil)
        global.memcg = nil
        global.victim?.cgroup = "/system.slice/java.service"
        let sink = try makeSink(path)
        try sink.write([richEvent(1), richEvent(2), global, failure])
        try sink.close()

        let (samples, types) = try read(path)
        #expect(types["oomlens_oom_kills_total"] == "counter")
        #expect(types["oomlens_last_oom_kill_timestamp_seconds"] == "gauge")
        #expect(types["oomlens_events_total"] == "counter")
        let kills = samples.filter { $0.name == "oomlens_oom_kills_total" }
        #expect(kills.count == 3)
        #expect(value(samples, "oomlens_oom_kills_total",
                      ["host": "web1", "victim": "java", "cause": "memcg-limit", "cgroup": "/kubepods/pod-1/app"]) == 1)
        #expect(value(samples, "oomlens_oom_kills_total",
                      ["host": "web2", "victim": "java", "cause": "memcg-limit", "cgroup": "/kubepods/pod-1/app"]) == 1)
        #expect(value(samples, "oomlens_oom_kills_total",
                      ["host": "web4", "victim": "java", "cause": "unknown", "cgroup": "/system.slice/java.service"]) == 1)
        #expect(value(samples, "oomlens_events_total", ["host": "web9", "kind": "allocation-failure"]) == 1)
        #expect(value(samples, "oomlens_events_total", ["host": "web1", "kind": "oom"]) == 1)
    }

    @Test func labelValuesAreEscaped() throws {
        let dir = TemporaryDirectory()
        let path = dir.path + "/oomlens.prom"
        var e = richEvent(1)
        e.host = "we\"b\\1\nx"
        e.victim?.comm = "py \"thon\"\n</script>"
        e.memcg?.task_cgroup = "/a\\b\"c}\n,d=\"e\""
        let sink = try makeSink(path)
        try sink.write([e])
        try sink.close()
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains(#"host="we\"b\\1\nx""#))
        // No sample line is broken by a newline in a label.
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            #expect(line.hasPrefix("oomlens_"), "\(line)")
        }
        let (samples, _) = try read(path)
        #expect(value(samples, "oomlens_oom_kills_total",
                      ["host": "we\"b\\1\nx", "victim": "py \"thon\"\n</script>", "cause": "memcg-limit",
                       "cgroup": "/a\\b\"c}\n,d=\"e\""]) == 1)
    }

    @Test func lastKillTimestampIsTheLogTimePerHost() throws {
        let dir = TemporaryDirectory()
        let path = dir.path + "/oomlens.prom"
        var early = richEvent(1)
        early.time = "2024-02-02T00:30:00-02:00"
        var late = richEvent(2)
        late.host = "web1"
        late.time = "2024-02-02T04:10:01.5Z"
        var untimed = richEvent(3)
        untimed.host = "web3"
        untimed.time = nil
        let sink = try makeSink(path)
        try sink.write([late, early, untimed])
        try sink.close()
        let (samples, _) = try read(path)
        #expect(value(samples, "oomlens_last_oom_kill_timestamp_seconds", ["host": "web1"]) == 1_706_847_001.5)
        #expect(samples.filter { $0.name == "oomlens_last_oom_kill_timestamp_seconds" }.count == 1)
        #expect(value(samples, "oomlens_oom_kills_total",
                      ["host": "web1", "victim": "java", "cause": "memcg-limit", "cgroup": "/kubepods/pod-1/app"]) == 2)

        var alone = richEvent(5)
        alone.time = "2024-02-02T00:30:00-02:00"
        let other = try makeSink(dir.path + "/other.prom")
        try other.write([alone])
        try other.close()
        #expect(value(try read(dir.path + "/other.prom").samples, "oomlens_last_oom_kill_timestamp_seconds",
                      ["host": "web5"]) == 1_706_841_000)
    }

    @Test func anUpdateOfAnIdReplacesWhatItCounted() throws {
        let dir = TemporaryDirectory()
        let path = dir.path + "/oomlens.prom"
        let sink = try makeSink(path)
        try sink.write([richEvent(1, cause: nil)])
        try sink.flush()
        #expect(value(try read(path).samples, "oomlens_oom_kills_total",
                      ["host": "web1", "victim": "java", "cause": "unknown", "cgroup": "/kubepods/pod-1/app"]) == 1)
        try sink.write([richEvent(1, cause: "memcg-limit"), richEvent(1, cause: "memcg-limit")])
        try sink.close()
        let kills = try read(path).samples.filter { $0.name == "oomlens_oom_kills_total" }
        #expect(kills == [PromSample(name: "oomlens_oom_kills_total",
                                     labels: ["host": "web1", "victim": "java", "cause": "memcg-limit",
                                              "cgroup": "/kubepods/pod-1/app"], value: 1)])
    }

    @Test func pipelineCountersAreExported() throws {
        let dir = TemporaryDirectory()
        let path = dir.path + "/oomlens.prom"
        let sink = try makeSink(path)
        try sink.write([richEvent(1)])
        sink.runFinished(counters: ["lines": 123_456, "events": 1, "gzip trailing garbage": 2])
        try sink.close()
        let (samples, types) = try read(path)
        #expect(types["oomlens_pipeline_total"] == "counter")
        #expect(value(samples, "oomlens_pipeline_total", ["counter": "lines"]) == 123_456)
        #expect(value(samples, "oomlens_pipeline_total", ["counter": "gzip trailing garbage"]) == 2)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == sink.exposition())
    }

    @Test func theFileIsReplacedAtomically() throws {
        let dir = TemporaryDirectory()
        let path = dir.path + "/oomlens.prom"
        let sink = try makeSink(path)
        // Present and valid from the start, so the collector never sees a missing or partial file.
        #expect(try read(path).samples.isEmpty)
        let inode = { () -> UInt64 in
            var st = stat()
            return stat(path, &st) == 0 ? UInt64(st.st_ino) : 0
        }
        let before = inode()
        try sink.write([richEvent(1)])
        try sink.flush()
        #expect(inode() != before)
        #expect(try read(path).samples.count == 3)
        try sink.close()
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["oomlens.prom"])
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o644)
    }

    @Test func unwritablePathIsASinkError() throws {
        #expect(throws: SinkError.self) { try makeSink("/nonexistent-dir/oomlens.prom") }
        let dir = TemporaryDirectory()
        let sub = dir.path + "/gone"
        try FileManager.default.createDirectory(atPath: sub, withIntermediateDirectories: false)
        let sink = try makeSink(sub + "/oomlens.prom")
        try FileManager.default.removeItem(atPath: sub)
        try sink.write([richEvent(1)])
        do {
            try sink.close()
            Issue.record("close succeeded without a directory")
        } catch {
            #expect(error.sink == "prometheus")
            #expect(error.message.contains(sub))
        }
    }

    @Test func standardOutputGetsTheTextAtClose() throws {
        let collected = Collected()
        var options = PrometheusSink.Options()
        options.path = ""
        let sink = try PrometheusSink(options: options, context: SinkContext(writeStandardOutput: { collected.add($0) },
                                                                          warn: { _ in }))
        try sink.write([richEvent(1)])
        try sink.flush()
        #expect(collected.bytes.isEmpty)
        try sink.close()
        let parsed = try #require(parseExposition(String(decoding: collected.bytes, as: UTF8.self)))
        #expect(parsed.samples.contains { $0.name == "oomlens_oom_kills_total" && $0.value == 1 })
    }
}
