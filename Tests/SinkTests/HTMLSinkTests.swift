import Foundation
import HTMLSink
import OOMLensSinkAPI
import OOMLensTestSupport
import Testing

/// Debian's `chromium` in headless mode, for checking the HTML report as a browser sees it.
enum HeadlessChromium {
    static let path: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Runs chromium on `file` with `arguments` (e.g. `--dump-dom`); returns stdout and stderr (with console
    /// messages logged there). Stops it after `timeout` seconds.
    static func run(_ arguments: [String], file: String, timeout: Double = 120) throws -> (stdout: String, stderr: String) {
        let dir = TemporaryDirectory()
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path!)
        p.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                       "--user-data-dir=\(dir.path)/profile", "--enable-logging=stderr", "--v=0"]
            + arguments + [URL(fileURLWithPath: file).absoluteString]
        let out = dir.path + "/stdout"
        let err = dir.path + "/stderr"
        FileManager.default.createFile(atPath: out, contents: nil)
        FileManager.default.createFile(atPath: err, contents: nil)
        p.standardOutput = FileHandle(forWritingAtPath: out)
        p.standardError = FileHandle(forWritingAtPath: err)
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let deadline = Date().addingTimeInterval(timeout)
        while p.isRunning, Date() < deadline { usleep(50_000) }
        if p.isRunning {
            p.terminate()
            p.waitUntilExit()
            Issue.record("chromium did not finish within \(timeout) s")
        }
        return (try String(contentsOfFile: out, encoding: .utf8), try String(contentsOfFile: err, encoding: .utf8))
    }
}

/// Names a hostile log could carry.
let hostileNames = [
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "'><svg onload=alert(1)>",
    "</title></svg></pre><iframe src=\"https://example.com/\"></iframe>",
]

/// Events whose every log-derived string is hostile, with zones, buddy counts, tasks, diagnosis and raw lines.
func hostileEvents() -> [OOMEvent] {
    hostileNames.enumerated().map { i, name in
        var e = richEvent(i + 1, victim: name)
        e.host = i == 0 ? "<b onmouseover=alert(1)>web</b>" : "web\(i)"
        e.time = "2024-02-0\(i + 1)T0\(i + 1):10:01Z"
        e.memcg?.oom_cgroup = "/kubepods/\(name)"
        e.victim?.cgroup = "/kubepods/\(name)"
        e.trigger?.comm = name
        e.trigger?.order = 3
        e.zones[0].lowmem_reserve_pages = [0, 0, 9257, 9257]
        var dma = OOMEvent.Zone(node: 0, zone: "DMA32")
        dma.free_kb = 180_000
        dma.min_kb = 5_000
        dma.low_kb = 6_200
        dma.high_kb = 7_500
        dma.buddy = OOMEvent.Buddy(page_kb: 4, counts: [1200, 800, 400, 90, 12, 3, 1, 0, 0, 0, 0], total_kb: 0)
        e.zones.append(dma)
        e.diagnosis?.summary = "Summary naming \(name)"
        e.diagnosis?.advice = ["Raise the limit of \(name)"]
        var consumer = OOMEvent.Consumer(name: name, pid: 102, rss_kb: 8040)
        consumer.share_of_ram = 0.42
        e.diagnosis?.top_consumers = [consumer]
        e.raw = ["Out of memory: Killed process 102 (\(name))", "<iframe src=\"http://example.com/\"></iframe>"]
        return e
    }
}

struct HTMLSinkTests {
    func makeSink(_ path: String, maxReports: Int = 200) throws(SinkError) -> HTMLSink {
        var options = HTMLSink.Options()
        options.path = path
        options.maxReports = maxReports
        return try HTMLSink(options: options, context: testContext())
    }

    func writeReport(_ events: [OOMEvent], to path: String) throws {
        let sink = try makeSink(path)
        try sink.write(events)
        try sink.close()
    }

    func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test(.enabled(if: HeadlessChromium.path != nil,
                   "Debian's chromium is not installed (apt-get install -y chromium); CI installs it"))
    func hostileNamesStayInertInChromium() throws {
        let dir = TemporaryDirectory()
        let path = dir.path + "/report.html"
        let events = hostileEvents()
        try writeReport(events, to: path)
        let (dom, log) = try HeadlessChromium.run(["--dump-dom"], file: path)

        // The page rendered: every report, the timeline, zone bars and buddy panels are in the DOM.
        #expect(dom.contains("<svg class=\"timeline\""))
        #expect(count("<article class=\"event\"", in: dom) == events.count)
        #expect(count("<svg class=\"zones\"", in: dom) == events.count)
        #expect(count("<svg class=\"buddy-panel\"", in: dom) == events.count * 2)
        #expect(count("<circle class=\"mark k-oom\"", in: dom) == events.count)
        // No injected element or event handler: in the serialised DOM every real tag starts with '<'.
        for tag in ["<script", "<img", "<iframe", "<b ", "<b>", "<svg onload", "<object", "<embed", "<link"] {
            #expect(!dom.lowercased().contains(tag), "injected \(tag)")
        }
        let handler = try Regex(#"<[^>]*\son[a-z]+\s*="#)
        #expect(dom.firstMatch(of: handler) == nil, "an element has an event handler attribute")
        // The names are there, as text.
        #expect(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(dom.contains("&lt;b onmouseover=alert(1)&gt;web&lt;/b&gt;"))
        // No console message: no script ran, nothing was blocked by the Content-Security-Policy, no request.
        let console = log.split(separator: "\n").filter { $0.contains(":CONSOLE") }
        #expect(console.isEmpty, "console: \(console)")
    }

    @Test(.enabled(if: HeadlessChromium.path != nil,
                   "Debian's chromium is not installed (apt-get install -y chromium); CI installs it"))
    func screenshotRenders() throws {
        let dir = TemporaryDirectory()
        let path = dir.path + "/report.html"
        try writeReport(hostileEvents(), to: path)
        let png = dir.path + "/report.png"
        _ = try HeadlessChromium.run(["--screenshot=\(png)", "--window-size=1100,2200", "--hide-scrollbars"], file: path)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: png)))
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(bytes.count > 20_000, "a blank page compresses to a few kB")
    }

    @Test func theFileLoadsNothingAndEscapesEverything() throws {
        let dir = TemporaryDirectory()
        let path = dir.path + "/report.html"
        try writeReport(hostileEvents(), to: path)
        let html = try String(contentsOfFile: path, encoding: .utf8)
        #expect(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"))
        // Log text never brings a raw '<', so every '<' starts one of the report's own tags: check them all.
        let allowed: Set<String> = [
            "!DOCTYPE", "html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "section", "svg", "g",
            "rect", "line", "circle", "text", "a", "table", "thead", "tbody", "tr", "th", "td", "caption", "article",
            "span", "div", "ul", "li", "dl", "dt", "dd", "details", "summary", "pre", "code", "footer",
        ]
        let tag = try Regex(#"<(/?)([!A-Za-z][A-Za-z0-9]*)([^>]*)>"#)
        var tags = 0
        for match in html.matches(of: tag) {
            tags += 1
            let name = String(match.output[2].substring ?? "")
            let attributes = String(match.output[3].substring ?? "")
            #expect(allowed.contains(name), "unexpected element <\(name)\(attributes)>")
            #expect(attributes.firstMatch(of: try Regex(#"\son[a-z]+\s*="#)) == nil, "handler in <\(name)\(attributes)>")
            #expect(!attributes.contains("src="), "<\(name)\(attributes)>")
            if let href = attributes.firstMatch(of: try Regex(#"href="([^"]*)""#)) {
                #expect(String(href.output[1].substring ?? "").hasPrefix("#"), "link out of the page: \(attributes)")
            }
        }
        #expect(tags > 200)
        for forbidden in ["url(", "@import"] { #expect(!html.contains(forbidden), "\(forbidden)") }
        for name in hostileNames { #expect(!html.contains(name), "\(name) unescaped") }
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
        #expect(html.contains("&#39;&gt;&lt;svg onload=alert(1)&gt;"))
    }

    @Test func reportShowsChartsTablesDiagnosisAndFoldedRawLines() throws {
        let dir = TemporaryDirectory()
        let path = dir.path + "/report.html"
        var e = hostileEvents()[0]
        e.victim?.comm = "java"
        e.diagnosis?.summary = "Normal free 3556 kB is below min 3672 kB"
        e.diagnosis?.failed_zones = [OOMEvent.ZoneCheck(node: nil, zone: "Normal", passed: false, free_kb: 3556,
                                                        usable_free_kb: 3556, min_kb: 3672, reserve_kb: 37028,
                                                        reason: "free below min + reserve")]
        try writeReport([e], to: path)
        let html = try String(contentsOfFile: path, encoding: .utf8)
        #expect(html.contains("free 3,556 kB · min 3,672 kB"))
        #expect(html.contains("reserve 36.2 MiB"))
        #expect(html.contains("zone-short"))
        #expect(html.contains("Normal free 3556 kB is below min 3672 kB"))
        #expect(html.contains("<caption>Top consumers (diagnosis)</caption>"))
        #expect(html.contains("42.0 %"))
        #expect(html.contains("<caption>Largest tasks by resident set (3 of 3 in the task table)</caption>"))
        // Largest first, and the victim's row marked.
        let order = ["worker1", "worker0"].compactMap { html.range(of: "<td>\($0)</td>")?.lowerBound }
        #expect(order.count == 2 && order[0] < order[1])
        #expect(html.contains("<tr class=\"victim\"><td>102</td>"))
        // Orders 3 and up could serve the order-3 request.
        #expect(html.contains("Orders ≥ 3 (dark) could serve this order-3 request."))
        #expect(count("class=\"order-small\"", in: html) == 2 + 3)
        #expect(html.contains("<details class=\"raw\"><summary>Raw lines (2)</summary><pre>Out of memory: Killed process 102 (&lt;script&gt;"))
    }

    @Test func anUpdateReplacesTheReportOfItsId() throws {
        let dir = TemporaryDirectory()
        let path = dir.path + "/report.html"
        let sink = try makeSink(path)
        try sink.write([richEvent(1, victim: "java", cause: nil)])
        try sink.flush()
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("OOM kill: java"))
        try sink.write([richEvent(1, victim: "postgres", cause: "memcg-limit")])
        try sink.close()
        let html = try String(contentsOfFile: path, encoding: .utf8)
        #expect(count("<article class=\"event\"", in: html) == 1)
        #expect(html.contains("OOM kill: postgres <span class=\"cause\">memcg-limit</span>"))
        #expect(!html.contains("OOM kill: java"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["report.html"])
    }

    @Test func maxReportsLimitsDetailsButNotTheTimeline() throws {
        let dir = TemporaryDirectory()
        let path = dir.path + "/report.html"
        let sink = try makeSink(path, maxReports: 2)
        let events = (1...5).map { n -> OOMEvent in
            var e = richEvent(n)
            e.time = "2024-02-0\(n)T12:00:00Z"
            return e
        }
        try sink.write(Array(events[0..<3]))
        try sink.write(Array(events[3...]))
        try sink.close()
        let html = try String(contentsOfFile: path, encoding: .utf8)
        #expect(count("<article class=\"event\"", in: html) == 2)
        #expect(count("<circle class=\"mark", in: html) == 5)
        #expect(html.contains("The 2 most recent reports are shown in detail"))
        #expect(html.contains("web5"))
    }

    @Test func unwritablePathIsASinkError() throws {
        #expect(throws: SinkError.self) { try makeSink("/nonexistent-dir/report.html") }
        #expect(throws: SinkError.self) { try makeSink("") }
    }
}
