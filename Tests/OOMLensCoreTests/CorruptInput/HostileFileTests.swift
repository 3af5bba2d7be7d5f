import OOMLensCore
import OOMLensSinkAPI
import OOMLensTestSupport
import Testing

/// Plain files no log should look like, and reports built to exhaust a reader: each run ends with events or
/// counters (and an error only where the file is unreadable), and the next file is still read.
@Suite struct HostileFileTests {
    @Test func aFileOfNULs() {
        let dir = TemporaryDirectory()
        let path = dir.path + "/nuls.log"
        CorruptCorpus.writeNULs(to: path, count: 8 << 20)
        let run = CorruptRun([path], in: dir)
        #expect(run.summary.errors.isEmpty)
        #expect(run.summary.truncatedLines == 1)
        #expect(run.summary.truncatedBytes == Int64((8 << 20) - (1 << 20)))
        #expect(run.sink.count == 1 && run.readTheNextFile)
    }

    @Test func a100MBLineBetweenTwoReports() {
        let dir = TemporaryDirectory()
        let path = dir.path + "/huge-line.log"
        let before = CorruptCorpus.reportLines(host: "before-huge", seed: 21)
        let after = CorruptCorpus.reportLines(host: "after-huge", seed: 22)
        let size = 100 << 20
        CorruptCorpus.writeHugeLine(to: path, count: size, before: before.lines, after: after.lines)
        let run = CorruptRun([path], in: dir)
        #expect(run.summary.errors.isEmpty)
        #expect(run.summary.truncatedLines == 1)
        #expect(run.summary.truncatedBytes == Int64(size - (1 << 20)))
        #expect(run.sink.hosts["before-huge"] == 1 && run.sink.hosts["after-huge"] == 1)
        #expect(run.sink.completeIDs.count == 3 && run.readTheNextFile)
    }

    @Test func aBinaryFile() {
        let dir = TemporaryDirectory()
        let path = dir.write("core.bin", CorruptCorpus.binary(count: 4 << 20))
        let run = CorruptRun([path], in: dir, maxLineBytes: 4096)
        #expect(run.summary.errors.isEmpty)
        #expect(run.summary.files == 2 && run.readTheNextFile)
        #expect(run.sink.count == 1)
    }

    @Test func binaryNoiseBehindAGzipMagicNumber() {
        let dir = TemporaryDirectory()
        let path = dir.write("fake.gz", [0x1f, 0x8b, 0x08, 0x00] + CorruptCorpus.binary(count: 1 << 20))
        let run = CorruptRun([path], in: dir)
        #expect(run.errorCodes == ["corrupt-gzip"])
        #expect(run.summary.errors.first?.path == path)
        #expect(run.readTheNextFile)
    }

    @Test func aReportInterleavedWithAnotherHostsReport() {
        let dir = TemporaryDirectory()
        let (lines, reports) = CorruptCorpus.interleavedHosts()
        let path = dir.write("shared.log", LogPrefixWriter.fileText(lines))
        let run = CorruptRun([path], in: dir)
        #expect(run.summary.errors.isEmpty)
        for report in reports {
            let event = run.sink.kept.first { $0.host == report.host }
            #expect(event?.complete == true, "\(report.host)")
            #expect(event?.victim?.pid == report.facts.victim?.pid, "\(report.host)")
            #expect(event?.tasks.count == report.facts.tasks.count, "\(report.host)")
        }
    }

    @Test func aReportWith10000TaskRows() throws {
        let dir = TemporaryDirectory()
        let (lines, report) = CorruptCorpus.reportLines(host: "crowded", tasks: 10_000)
        let path = dir.write("crowded.log", LogPrefixWriter.fileText(lines))
        let run = CorruptRun([path], in: dir)
        #expect(run.summary.errors.isEmpty)
        let event = try #require(run.sink.kept.first { $0.host == "crowded" })
        #expect(event.tasks.count == 8192)
        #expect(run.counter("assembler: task rows over the per-event limit") == 10_000 - 8192)
        // The rows with the largest RSS are the ones kept: the victim's is among them.
        #expect(event.tasks.contains { $0.pid == report.facts.victim?.pid })
        #expect(event.victim?.pid == report.facts.victim?.pid)
    }

    @Test func theTaskRowLimitIsConfigurable() throws {
        let dir = TemporaryDirectory()
        let (lines, report) = CorruptCorpus.reportLines(host: "crowded", tasks: 300)
        let path = dir.write("crowded.log", LogPrefixWriter.fileText(lines))
        let run = CorruptRun([path], in: dir) { $0.maxTaskRows = 10 }
        let event = try #require(run.sink.kept.first { $0.host == "crowded" })
        #expect(event.tasks.count == 10)
        #expect(run.counter("assembler: task rows over the per-event limit") == 290)
        #expect(event.tasks.map(\.pid) == event.tasks.map(\.pid).sorted(), "rows stay in table order")
        #expect(event.tasks.contains { $0.pid == report.facts.victim?.pid })
    }

    @Test func theEventByteLimitIsConfigurableAndCounted() throws {
        let dir = TemporaryDirectory()
        let (lines, _) = CorruptCorpus.reportLines(host: "wordy", tasks: 2000)
        let path = dir.write("wordy.log", LogPrefixWriter.fileText(lines))
        let run = CorruptRun([path], in: dir) {
            $0.maxEventBytes = 16 << 10
            $0.keepRaw = true
        }
        let event = try #require(run.sink.kept.first { $0.host == "wordy" })
        let rawBytes = (event.raw ?? []).reduce(0) { $0 + $1.utf8.count }
        #expect(rawBytes < 16 << 10)
        #expect(run.counter("assembler: lines over the per-event byte limit") > 1000)
        // The kill line still ended the report: the next report is separate and whole.
        #expect(run.readTheNextFile)
    }

    @Test func oneHundredThousandHeadersWithNoEnd() {
        let dir = TemporaryDirectory()
        let path = dir.path + "/headers.log"
        CorruptCorpus.writeHeadersWithoutEnd(to: path, count: 100_000, hosts: 5000)
        let run = CorruptRun([path], in: dir, batchLines: 1000)
        #expect(run.summary.errors.isEmpty)
        // Each header is a report of its own (a header ends its host's previous report); at most 1024 are open.
        #expect(run.sink.count == 100_001)
        #expect(run.sink.completeIDs.count == 1)
        #expect(run.counter("assembler: reports closed because too many were open") == 100_000 - 1024)
        // Batches of at most 1000 lines go from the reader to the stages: the queue between them is bounded.
        #expect(run.counter("queue: batches at full depth (reading waited)") >= 80)
        #expect(run.readTheNextFile)
    }

    @Test func linesPerReportAreBounded() throws {
        let dir = TemporaryDirectory()
        var lines = ["Feb  2 04:10:01 h kernel: stress invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0"]
        lines += (0..<5000).map { "Feb  2 04:10:01 h kernel: Call Trace line \($0)" }
        lines.append("Feb  2 04:10:01 h kernel: Out of memory: Killed process 77 (stress) total-vm:1kB, anon-rss:1kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:4kB oom_score_adj:0")
        let path = dir.write("long.log", LogPrefixWriter.fileText(lines))
        let run = CorruptRun([path], in: dir) { $0.maxLinesPerReport = 100 }
        let event = try #require(run.sink.kept.first { $0.host == "h" })
        #expect(event.source.last_line == 5002, "the kill line still ends the report")
        #expect(run.counter("assembler: lines over the per-report limit") == 4902)
    }

    @Test func invalidUTF8InANameReachesTheSinksAsReplacementCharacters() throws {
        let dir = TemporaryDirectory()
        let line = Array("Feb  2 04:10:01 web1 kernel: Out of memory: Killed process 593 (py".utf8) + [0xFF, 0xC3, 0x28]
            + Array("thon) total-vm:1kB, anon-rss:1kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:4kB oom_score_adj:0\n".utf8)
        let path = dir.write("bad-utf8.log", line)
        let run = CorruptRun([path], in: dir)
        let event = try #require(run.sink.kept.first { $0.host == "web1" })
        #expect(event.victim?.comm == "py\u{FFFD}\u{FFFD}(thon")
        #expect(event.victim?.pid == 593)
    }
}
