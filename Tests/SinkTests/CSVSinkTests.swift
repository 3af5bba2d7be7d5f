import CSVSink
import Foundation
import OOMLensSinkAPI
import OOMLensTestSupport
import Testing

/// A strict RFC 4180 reader for the tests: records end in CRLF, quoted fields may hold commas, quotes (doubled),
/// CR and LF. Returns nil on anything malformed (a bare quote in an unquoted field, text after a closing quote,
/// a bare LF between records, an unterminated quote).
func parseCSV(_ bytes: [UInt8]) -> [[String]]? {
    var records: [[String]] = []
    var record: [String] = []
    var field: [UInt8] = []
    var i = 0
    var quoted = false
    var afterQuote = false
    while i < bytes.count {
        let b = bytes[i]
        if quoted {
            if b == 0x22 {
                if i + 1 < bytes.count, bytes[i + 1] == 0x22 {
                    field.append(0x22)
                    i += 2
                    continue
                }
                quoted = false
                afterQuote = true
            } else {
                field.append(b)
            }
            i += 1
            continue
        }
        switch b {
        case 0x2C:
            record.append(String(decoding: field, as: UTF8.self))
            field = []
            afterQuote = false
        case 0x0D:
            guard i + 1 < bytes.count, bytes[i + 1] == 0x0A else { return nil }
            record.append(String(decoding: field, as: UTF8.self))
            records.append(record)
            record = []
            field = []
            afterQuote = false
            i += 1
        case 0x22:
            guard field.isEmpty, !afterQuote else { return nil }
            quoted = true
        case 0x0A:
            return nil
        default:
            guard !afterQuote else { return nil }
            field.append(b)
        }
        i += 1
    }
    guard !quoted, field.isEmpty, record.isEmpty else { return nil }
    return records
}

struct CSVSinkTests {
    /// Field values by header name, one dictionary per row.
    func readRows(_ path: String) throws -> (header: [String], rows: [[String: String]]) {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let records = try #require(parseCSV(bytes), "not RFC 4180: \(String(decoding: bytes, as: UTF8.self))")
        let header = try #require(records.first)
        for r in records { #expect(r.count == header.count) }
        return (header, records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) })
    }

    func makeSink(_ path: String, neutralize: Bool = false) throws(SinkError) -> CSVSink {
        var options = CSVSink.Options()
        options.path = path
        options.neutralizeFormulas = neutralize
        return try CSVSink(options: options, context: testContext())
    }

    @Test func testParserIsStrict() {
        #expect(parseCSV(Array("a,\"b,\"\"c\"\"\r\nd\",e\r\n".utf8)) == [["a", "b,\"c\"\r\nd", "e"]])
        #expect(parseCSV(Array("a,b\"c\r\n".utf8)) == nil)
        #expect(parseCSV(Array("\"a\"b\r\n".utf8)) == nil)
        #expect(parseCSV(Array("a\nb\r\n".utf8)) == nil)
        #expect(parseCSV(Array("\"a\r\n".utf8)) == nil)
    }

    @Test func hostileFieldsRoundTrip() throws {
        let dir = TemporaryDirectory()
        let path = dir.path + "/oom.csv"
        let invalidUTF8 = String(decoding: [0x66, 0xFF, 0xFE, 0x6F, 0xC3], as: UTF8.self)
        var e = richEvent(1)
        e.host = "'; DROP TABLE oom_events; --"
        e.victim?.comm = "a,b \"c\"\r\nd\ne,"
        e.trigger?.comm = invalidUTF8
        e.memcg?.oom_cgroup = "/k8s/\"pod\",x"
        e.diagnosis?.summary = "line one\nline two, with \"quotes\" and ünïcødé"
        e.trigger?.order = -1
        let sink = try makeSink(path)
        try sink.write([e, sampleEvent(2)])
        try sink.close()

        let (header, rows) = try readRows(path)
        #expect(header == ["id", "kind", "complete", "host", "time", "source_path", "first_line", "last_line",
                           "kernel_release", "kernel_era", "trigger_comm", "trigger_pid", "trigger_gfp_mask",
                           "trigger_order", "constraint", "victim_pid", "victim_comm", "victim_anon_rss_kb",
                           "memcg_oom_cgroup", "memcg_usage_kb", "memcg_limit_kb", "cause", "summary"])
        #expect(rows.count == 2)
        let r = rows[0]
        #expect(r["id"] == "id1")
        #expect(r["kind"] == "oom")
        #expect(r["complete"] == "true")
        #expect(r["host"] == "'; DROP TABLE oom_events; --")
        #expect(r["time"] == "2024-02-02T00:30:00-02:00")
        #expect(r["source_path"] == "/var/log/syslog")
        #expect(r["first_line"] == "1")
        #expect(r["last_line"] == "10")
        #expect(r["kernel_release"] == "5.15.0-91-generic")
        #expect(r["trigger_comm"] == invalidUTF8)
        #expect(r["trigger_pid"] == "77")
        #expect(r["trigger_gfp_mask"] == "0x100cca")
        #expect(r["trigger_order"] == "-1")
        #expect(r["constraint"] == "CONSTRAINT_MEMCG")
        #expect(r["victim_pid"] == "102")
        #expect(r["victim_comm"] == "a,b \"c\"\r\nd\ne,")
        #expect(r["victim_anon_rss_kb"] == "8000")
        #expect(r["memcg_oom_cgroup"] == "/k8s/\"pod\",x")
        #expect(r["memcg_usage_kb"] == "524288")
        #expect(r["memcg_limit_kb"] == "524288")
        #expect(r["cause"] == "memcg-limit")
        #expect(r["summary"] == "line one\nline two, with \"quotes\" and ünïcødé")
        // Absent values are empty fields.
        #expect(rows[1]["trigger_pid"] == "")
        #expect(rows[1]["cause"] == "")
        #expect(rows[1]["victim_comm"] == "py \"thon\"\n</script>")
    }

    @Test func anUpdateReplacesTheRowOfItsId() throws {
        let dir = TemporaryDirectory()
        let path = dir.path + "/oom.csv"
        let sink = try makeSink(path)
        try sink.write([richEvent(1, cause: nil), richEvent(2)])
        try sink.flush()
        #expect(try readRows(path).rows.map { $0["cause"] } == ["", "memcg-limit"])
        try sink.write([richEvent(1, victim: "postgres", cause: "zone-watermark"), richEvent(2)])
        try sink.close()
        let rows = try readRows(path).rows
        #expect(rows.map { $0["id"] } == ["id1", "id2"])
        #expect(rows[0]["victim_comm"] == "postgres")
        #expect(rows[0]["cause"] == "zone-watermark")
        // Only the report itself is left in the directory: the rewrite went through a renamed temporary file.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["oom.csv"])
    }

    @Test func standardOutputGetsTheHeaderOnceAndRowsOnFlush() throws {
        let collected = Collected()
        let ctx = SinkContext(writeStandardOutput: { collected.add($0) }, warn: { _ in })
        let sink = try CSVSink(options: .init(), context: ctx)
        try sink.write([richEvent(1)])
        #expect(collected.bytes.isEmpty)
        try sink.flush()
        try sink.write([richEvent(2)])
        try sink.close()
        let records = try #require(parseCSV(collected.bytes))
        #expect(records.count == 3)
        #expect(records[0][0] == "id")
        #expect(records.dropFirst().map { $0[0] } == ["id1", "id2"])
    }

    @Test func formulasAreNeutralizedOnlyWhenAsked() throws {
        let dir = TemporaryDirectory()
        var e = richEvent(1)
        e.victim?.comm = "=HYPERLINK(\"http://x\",\"y\")"
        e.host = "@host"
        e.trigger?.order = -1
        for neutralize in [false, true] {
            let path = dir.path + "/\(neutralize).csv"
            let sink = try makeSink(path, neutralize: neutralize)
            try sink.write([e])
            try sink.close()
            let row = try #require(try readRows(path).rows.first)
            #expect(row["victim_comm"] == (neutralize ? "'" : "") + "=HYPERLINK(\"http://x\",\"y\")")
            #expect(row["host"] == (neutralize ? "'" : "") + "@host")
            #expect(row["trigger_order"] == "-1")
        }
    }

    @Test func unwritablePathIsASinkError() throws {
        let dir = TemporaryDirectory()
        for path in ["/nonexistent-dir/oom.csv", dir.path + "/"] {
            #expect(throws: SinkError.self, "\(path)") { try makeSink(path) }
        }
        // The directory disappears while the sink is open: flush reports it.
        let sub = dir.path + "/gone"
        try FileManager.default.createDirectory(atPath: sub, withIntermediateDirectories: false)
        let sink = try makeSink(sub + "/oom.csv")
        try FileManager.default.removeItem(atPath: sub)
        try sink.write([richEvent(1)])
        #expect(throws: SinkError.self) { try sink.flush() }
    }
}
