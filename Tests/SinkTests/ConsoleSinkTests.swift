import ConsoleSink
import Foundation
import OOMLensSinkAPI
import OOMLensTestSupport
import Testing

struct ConsoleSinkTests {
    /// Writes `events` through a console sink into a file and returns the text.
    func render(_ events: [[OOMEvent]], timeline: Bool = true) throws -> String {
        let dir = TemporaryDirectory()
        var options = ConsoleSink.Options()
        options.path = dir.path + "/report.txt"
        options.timeline = timeline
        let sink = try ConsoleSink(options: options, context: testContext())
        for batch in events { try sink.write(batch) }
        try sink.close()
        return try String(contentsOfFile: options.path, encoding: .utf8)
    }

    @Test func reportShowsHostVictimAndZones() throws {
        var e = sampleEvent(3)
        e.complete = false
        e.tasks = [OOMEvent.Task(pid: 10, name: "big"), OOMEvent.Task(pid: 11, name: "small")]
        e.tasks[0].rss_pages = 900
        e.tasks[1].rss_pages = 5
        let text = try render([[e]])
        #expect(text.contains("OOM kill on web3 at 2024-02-02T04:10:01Z (partial report)"))
        #expect(text.contains("zone Normal: free 3556 kB min 3672"))
        #expect(text.contains("killed: py"))
        #expect(text.contains("largest tasks (rss pages): big[10] 900, small[11] 5"))
    }

    @Test func theAnswerComesFirst() throws {
        var e = sampleEvent(1)
        var d = OOMEvent.Diagnosis(cause: "lowmem-exhausted", summary: "Normal (lowmem) free 3556 kB is below min 3672 kB.")
        d.advice = ["Run a 64-bit kernel."]
        var check = OOMEvent.ZoneCheck(node: nil, zone: "Normal", passed: false, free_kb: 3556, usable_free_kb: 3556,
                                       min_kb: 3672, reserve_kb: 0, reason: "free 3556 kB is below min 3672 kB")
        check.verdict = "below-min"
        d.failed_zones = [check]
        e.diagnosis = d
        var t = OOMEvent.Trigger()
        t.comm = "python"
        t.gfp_mask = "0x2084d0"
        t.gfp_flags = ["GFP_KERNEL", "__GFP_ZERO"]
        e.trigger = t
        let text = try render([[e]], timeline: false)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[1] == "   cause: lowmem-exhausted")
        #expect(lines[2] == "   why: Normal (lowmem) free 3556 kB is below min 3672 kB.")
        #expect(lines[3] == "   advice: Run a 64-bit kernel.")
        let why = try #require(lines.firstIndex { $0.contains("why:") })
        let trigger = try #require(lines.firstIndex { $0.contains("trigger: python") })
        #expect(why < trigger)
        #expect(text.contains("(GFP_KERNEL|__GFP_ZERO)"))
        #expect(text.contains("zone Normal: free 3556 kB min 3672 [below-min]"))
        #expect(!text.contains("Timeline"))
    }

    @Test func longSummariesAreWrappedUnderTheirLabel() {
        let words = Array(repeating: "word", count: 60).joined(separator: " ")
        let text = ConsoleReportWrapProbe.wrap(words)
        let lines = text.split(separator: "\n")
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { $0.count <= 110 })
        #expect(lines[0].hasPrefix("   why: word") && lines[1].hasPrefix("        word"))
    }

    @Test func timelinePerHostAtTheEnd() throws {
        func event(_ id: String, host: String?, time: String, victim: String, rss: Int64, cause: String) -> OOMEvent {
            var e = OOMEvent(id: id, kind: .oom, complete: true, source: .init(path: "/var/log/messages", first_line: 1,
                                                                                 last_line: 40))
            e.host = host
            e.time = time
            var v = OOMEvent.Victim(pid: rss == 0 ? 1 : Int(rss % 10_000), comm: victim)
            v.anon_rss_kb = rss
            e.victim = v
            e.diagnosis = OOMEvent.Diagnosis(cause: cause, summary: "x")
            return e
        }
        let a1 = event("a1", host: "db1", time: "2024-02-02T04:10:01Z", victim: "mysqld", rss: 9000, cause: "zone-watermark")
        let a2 = event("a2", host: "db1", time: "2024-02-03T05:00:00Z", victim: "mysqld", rss: 20_000, cause: "zone-watermark")
        let a3 = event("a3", host: "db1", time: "2024-02-02T09:00:00Z", victim: "backup", rss: 500, cause: "memcg-limit")
        let b1 = event("b1", host: "web7", time: "2024-02-04T00:00:00Z", victim: "php-fpm", rss: 100, cause: "memcg-limit")
        var dump = OOMEvent(id: "d1", kind: .memoryDump, complete: false, source: .init(path: "-", first_line: 3, last_line: 9))
        dump.host = "db1"
        // a2 comes twice (an update); it counts once.
        let text = try render([[a1, a2], [b1, a3, a2, dump]])
        let timeline = try #require(text.range(of: "== Timeline for db1").map { String(text[$0.lowerBound...]) })
        #expect(timeline.contains("== Timeline for db1: 3 OOM kill reports, first at 2024-02-02T04:10:01Z, last at 2024-02-03T05:00:00Z; 1 memory dump"))
        #expect(timeline.contains("   victims: mysqld ×2, backup ×1"))
        #expect(timeline.contains("   causes: zone-watermark ×2, memcg-limit ×1"))
        #expect(timeline.contains("   worst: 2024-02-03T05:00:00Z, killed mysqld (pid 0) holding 20000 kB, zone-watermark"))
        #expect(timeline.contains("== Timeline for web7: 1 OOM kill report at 2024-02-04T00:00:00Z"))
        // The timeline comes after every report.
        let lastReport = try #require(text.range(of: "== OOM kill on db1", options: .backwards))
        #expect(lastReport.lowerBound < text.range(of: "== Timeline")!.lowerBound)
    }
}

/// Reaches the console's wrapping through a rendered report (the layout type is internal to the plugin).
enum ConsoleReportWrapProbe {
    static func wrap(_ summary: String) -> String {
        var e = OOMEvent(id: "w", kind: .oom, complete: true, source: .init(path: "-", first_line: 1, last_line: 1))
        e.diagnosis = OOMEvent.Diagnosis(cause: "unknown", summary: summary)
        let dir = TemporaryDirectory()
        var options = ConsoleSink.Options()
        options.path = dir.path + "/w.txt"
        options.timeline = false
        guard let sink = try? ConsoleSink(options: options, context: testContext()) else { return "" }
        try? sink.write([e])
        try? sink.close()
        let text = (try? String(contentsOfFile: options.path, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").filter { $0.hasPrefix("   why:") || $0.hasPrefix("        ") }
            .joined(separator: "\n")
    }
}
