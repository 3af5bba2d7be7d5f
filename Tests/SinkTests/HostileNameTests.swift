import CSVSink
import ConsoleSink
import ExecSink
import Foundation
import GRDB
import HTMLSink
import JSONLinesSink
import OOMLensSinkAPI
import OOMLensTestSupport
import PostgresSink
import PrometheusSink
import SQLiteSink
import Testing

/// The names a process, host or cgroup can carry in a log, as the hostile-input issue lists them. Invalid UTF-8
/// reaches a sink as U+FFFD (the stages decode bytes with replacement), which is what the last one holds.
let issueHostileNames = [
    #"a "quoted" name"#,
    "comma,separated,name",
    "new\nline\r\nand CR",
    "</script><script>alert(1)</script>",
    "${jndi:ldap://x/a} $(touch /tmp/oomlens-pwned) `id`",
    "'; DROP TABLE oom_events; --",
    String(decoding: [0x62, 0x61, 0x64, 0xFF, 0xC3, 0x28, 0xE2, 0x82], as: UTF8.self),
    "\u{1B}]0;title\u{07}\u{1B}[2J\u{202E}evil",
]

/// One event per hostile name, the name in the host, the trigger, the victim, the cgroups and a task row.
func issueHostileEvents() -> [OOMEvent] {
    issueHostileNames.enumerated().map { i, name in
        var e = richEvent(i + 1, victim: name)
        e.host = name
        e.trigger?.comm = name
        e.memcg?.oom_cgroup = "/kubepods/" + name
        e.victim?.cgroup = "/kubepods/" + name
        e.raw = ["Out of memory: Killed process 102 (\(name))"]
        return e
    }
}

/// Every sink, given the hostile names: each keeps them exactly (or escapes them for its format), and none lets
/// one break out of its field, line, label, statement, document or argument.
@Suite struct HostileNameTests {
    let events = issueHostileEvents()

    @Test func jsonLinesKeepsOneLinePerEventAndTheExactNames() throws {
        let dir = TemporaryDirectory()
        var options = JSONLinesSink.Options()
        options.path = dir.path + "/e.jsonl"
        let sink = try JSONLinesSink(options: options, context: testContext())
        try sink.write(events)
        try sink.close()
        let lines = try String(contentsOfFile: options.path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == events.count)
        let decoded = try lines.map { try JSONDecoder().decode(OOMEvent.self, from: Data($0.utf8)) }
        #expect(decoded.map(\.victim?.comm) == issueHostileNames)
        #expect(decoded.map(\.host) == issueHostileNames)
    }

    @Test func csvQuotesEveryFieldThatNeedsIt() throws {
        let dir = TemporaryDirectory()
        var options = CSVSink.Options()
        options.path = dir.path + "/e.csv"
        let sink = try CSVSink(options: options, context: testContext())
        try sink.write(events)
        try sink.close()
        let records = try #require(parseCSV(Array(try Data(contentsOf: URL(fileURLWithPath: options.path)))))
        let header = try #require(records.first)
        #expect(records.count == events.count + 1)
        for record in records { #expect(record.count == header.count) }
        let host = try #require(header.firstIndex(of: "host"))
        let victim = try #require(header.firstIndex(of: "victim_comm"))
        #expect(records.dropFirst().map { $0[host] } == issueHostileNames)
        #expect(records.dropFirst().map { $0[victim] } == issueHostileNames)
    }

    @Test func prometheusEscapesLabelValues() throws {
        let dir = TemporaryDirectory()
        var options = PrometheusSink.Options()
        options.path = dir.path + "/m.prom"
        let sink = try PrometheusSink(options: options, context: testContext())
        try sink.write(events)
        try sink.close()
        let text = try String(contentsOfFile: options.path, encoding: .utf8)
        let (samples, _) = try #require(parseExposition(text))
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            #expect(line.hasPrefix("oomlens_"), "a label broke its line: \(line)")
        }
        let victims = Set(samples.compactMap { $0.name == "oomlens_oom_kills_total" ? $0.labels["victim"] : nil })
        #expect(victims == Set(issueHostileNames))
        let hosts = Set(samples.compactMap { $0.name == "oomlens_oom_kills_total" ? $0.labels["host"] : nil })
        #expect(hosts == Set(issueHostileNames))
    }

    @Test func htmlEscapesEveryName() throws {
        let dir = TemporaryDirectory()
        var options = HTMLSink.Options()
        options.path = dir.path + "/r.html"
        let sink = try HTMLSink(options: options, context: testContext())
        try sink.write(events)
        try sink.close()
        let html = try String(contentsOfFile: options.path, encoding: .utf8)
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("</script>"))
        #expect(html.contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"))
        for name in issueHostileNames where name.contains("<") { #expect(!html.contains(name)) }
    }

    @Test func sqliteStoresTheNamesThroughBoundParameters() throws {
        let dir = TemporaryDirectory()
        var options = SQLiteSink.Options()
        options.path = dir.path + "/e.db"
        let sink = try SQLiteSink(options: options, context: testContext())
        try sink.write(events)
        try sink.close()
        let db = try openDatabase(options.path)
        let stored = try db.read { try String.fetchAll($0, sql: "SELECT victim_comm FROM oom_events ORDER BY id") }
        #expect(stored == issueHostileNames)
        let hosts = try db.read { try String.fetchAll($0, sql: "SELECT host FROM oom_events ORDER BY id") }
        #expect(hosts == issueHostileNames)
        let tasks = try db.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM oom_tasks") }
        #expect(tasks == events.count * 3)
    }

    @Test(.enabled(if: postgresTestURL != nil, "set OOMLENS_TEST_POSTGRES_URL to run it"))
    func postgresStoresTheNamesThroughBoundParameters() throws {
        let prefix = "hostile-" + UUID().uuidString.prefix(8).lowercased() + "-"
        var options = PostgresSink.Options()
        options.url = postgresTestURL ?? ""
        let sink = try PostgresSink(options: options, context: testContext())
        let renamed = events.map { e in
            var e = e
            e.id = prefix + e.id
            return e
        }
        try sink.write(renamed)
        try sink.close()
        defer { _ = try? psql("DELETE FROM oom_events WHERE id LIKE '\(prefix)%'") }
        let n = try psql("SELECT count(*) FROM oom_events WHERE id LIKE '\(prefix)%'")
        #expect(n == ["\(events.count)"])
        // Compared inside the server, so psql's own output format does not matter.
        for (i, name) in issueHostileNames.enumerated() {
            let literal = "'" + name.replacingOccurrences(of: "'", with: "''") + "'"
            let match = try psql("SELECT count(*) FROM oom_events WHERE id = '\(prefix)id\(i + 1)' AND victim_comm = \(literal) AND host = \(literal)")
            #expect(match == ["1"], "\(name.debugDescription)")
        }
    }

    @Test func execPassesTheNamesAsDataNeverToAShell() throws {
        let dir = TemporaryDirectory()
        let out = dir.path + "/events.jsonl"
        var options = ExecSink.Options()
        // An argument full of shell syntax: a shell would expand or run it; argv passes it as the file name.
        let odd = dir.path + "/$(touch pwned) ${HOME};`id`.jsonl"
        options.command = ["sh", execExamples + "/consumer.sh", odd]
        options.batchSize = 3
        let sink = try ExecSink(options: options, context: testContext())
        try sink.write(events)
        try sink.flush()
        try sink.close()
        let text = try String(contentsOfFile: odd, encoding: .utf8)
        let decoded = try text.split(separator: "\n").map { try JSONDecoder().decode(OOMEvent.self, from: Data($0.utf8)) }
        #expect(decoded.map(\.victim?.comm) == issueHostileNames)
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/pwned"))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/oomlens-pwned"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func consoleShowsControlCharactersInsteadOfSendingThem() throws {
        let dir = TemporaryDirectory()
        var options = ConsoleSink.Options()
        options.path = dir.path + "/report.txt"
        let sink = try ConsoleSink(options: options, context: testContext())
        try sink.write(events)
        try sink.close()
        let text = try String(contentsOfFile: options.path, encoding: .utf8)
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x0D || $0.value == 0x202E })
        #expect(text.contains(#"\e]0;title\u{7}\e[2J\u{202E}evil"#))
        #expect(text.contains(#"new\nline\r\nand CR"#))
        // A newline in a name never starts a line of its own.
        #expect(!text.split(separator: "\n").contains { $0.hasPrefix("line") })
    }
}
