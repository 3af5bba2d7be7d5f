import ConsoleSink
import Foundation
import OOMLensSinkAPI
import OOMLensTestSupport
import Testing

struct ConsoleSinkTests {
    @Test func reportShowsHostVictimAndZones() throws {
        let dir = TemporaryDirectory()
        var options = ConsoleSink.Options()
        options.path = dir.path + "/report.txt"
        let sink = try ConsoleSink(options: options, context: testContext())
        var e = sampleEvent(3)
        e.complete = false
        e.tasks = [OOMEvent.Task(pid: 10, name: "big"), OOMEvent.Task(pid: 11, name: "small")]
        e.tasks[0].rss_pages = 900
        e.tasks[1].rss_pages = 5
        try sink.write([e])
        try sink.close()
        let text = try String(contentsOfFile: options.path, encoding: .utf8)
        #expect(text.contains("OOM kill on web3 at 2024-02-02T04:10:01Z (partial report)"))
        #expect(text.contains("zone Normal: free 3556 kB min 3672"))
        #expect(text.contains("killed: py"))
        #expect(text.contains("largest tasks (rss pages): big[10] 900, small[11] 5"))
    }
}
