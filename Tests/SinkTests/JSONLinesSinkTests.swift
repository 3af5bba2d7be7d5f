import Foundation
import JSONLinesSink
import OOMLensSinkAPI
import OOMLensTestSupport
import Testing

func sampleEvent(_ n: Int) -> OOMEvent {
    var e = OOMEvent(id: "id\(n)", kind: .oom, complete: true, source: .init(path: "/var/log/syslog", first_line: n, last_line: n + 9))
    e.host = "web\(n)"
    e.time = "2024-02-02T04:10:01Z"
    var z = OOMEvent.Zone(node: nil, zone: "Normal")
    z.free_kb = 3556
    z.min_kb = 3672
    z.fields_kb["active_anon"] = 12
    z.buddy = OOMEvent.Buddy(page_kb: 4, counts: [333, 269], types: ["UEM", nil], total_kb: 3580)
    e.zones = [z]
    e.victim = OOMEvent.Victim(pid: 593, comm: "py \"thon\"\n</script>")
    return e
}

func testContext() -> SinkContext {
    SinkContext(writeStandardOutput: { _ in }, warn: { _ in })
}

struct JSONLinesSinkTests {
    @Test func writesOneDecodableObjectPerLine() throws {
        let dir = TemporaryDirectory()
        var options = JSONLinesSink.Options()
        options.path = dir.path + "/out.jsonl"
        let sink = try JSONLinesSink(options: options, context: testContext())
        let events = [sampleEvent(1), sampleEvent(2)]
        try sink.write(events)
        try sink.close()
        let text = try String(contentsOfFile: options.path, encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 2)
        let decoded = try lines.map { try JSONDecoder().decode(OOMEvent.self, from: Data($0.utf8)) }
        #expect(decoded == events)
        // Schema names, flat zone fields.
        #expect(lines[0].contains(#""free_kb":3556"#))
        #expect(lines[0].contains(#""active_anon_kb":12"#))
        #expect(lines[0].contains(#""first_line":1"#))
    }

    @Test func appendKeepsEarlierLines() throws {
        let dir = TemporaryDirectory()
        var options = JSONLinesSink.Options()
        options.path = dir.path + "/out.jsonl"
        for n in 0..<2 {
            options.append = n > 0
            let sink = try JSONLinesSink(options: options, context: testContext())
            try sink.write([sampleEvent(n)])
            try sink.close()
        }
        let text = try String(contentsOfFile: options.path, encoding: .utf8)
        #expect(text.split(separator: "\n").count == 2)
    }

    @Test func standardOutputGoesThroughTheHost() throws {
        let collected = Collected()
        let ctx = SinkContext(writeStandardOutput: { collected.add($0) }, warn: { _ in })
        let sink = try JSONLinesSink(options: .init(), context: ctx)
        try sink.write([sampleEvent(7)])
        try sink.flush()
        #expect(String(decoding: collected.bytes, as: UTF8.self).hasSuffix("}\n"))
    }

    @Test func unwritablePathIsASinkError() {
        var options = JSONLinesSink.Options()
        options.path = "/nonexistent-dir/out.jsonl"
        #expect(throws: SinkError.self) { try JSONLinesSink(options: options, context: testContext()) }
    }
}

/// Bytes the host received, guarded for the `@Sendable` callback.
final class Collected: @unchecked Sendable {
    private(set) var bytes: [UInt8] = []
    func add(_ b: [UInt8]) { bytes += b }
}
