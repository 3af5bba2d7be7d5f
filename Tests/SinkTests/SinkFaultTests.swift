#if canImport(Glibc)
import Glibc
#endif
import CSVSink
import ConsoleSink
import ExecSink
import Foundation
import JSONLinesSink
import OOMLensCore
import OOMLensSinkAPI
import OOMLensTestSupport
import Testing

/// Faults injected under the sinks: a full disk (a private copy of /dev/full), a program that hangs, a file that is
/// not ours. Each is reported with the sink's name, retried with a pause where a retry can help, bounded, and
/// stops no other sink.
@Suite struct SinkFaultTests {

    @Test(.enabled(if: DiskFullDevice.available, "needs root to make a full device"))
    func aFullDiskIsRetriedWithBackoffThenASinkError() throws {
        let dir = TemporaryDirectory()
        let warnings = SinkWarnings()
        var options = JSONLinesSink.Options()
        options.path = try #require(DiskFullDevice.make(in: dir))
        let sink = try JSONLinesSink(options: options, context: warnings.context)
        try sink.write([sampleEvent(1)])
        #expect {
            try sink.flush()
        } throws: { error in
            let message = (error as? SinkError)?.message ?? ""
            return message.contains("No space left on device") && message.contains("after 4 retries")
        }
        let retries = warnings.all.filter { $0.contains("No space left on device; retry") }
        #expect(retries.count == OutputFile.retryDelaysMs.count)
        #expect(retries.first?.contains("retry 1 of 4 in 100 ms") == true)
    }

    @Test(.enabled(if: DiskFullDevice.available, "needs root to make a full device"))
    func everyFileSinkReportsAFullDisk() throws {
        let dir = TemporaryDirectory()
        let device = try #require(DiskFullDevice.make(in: dir))
        var csv = CSVSink.Options()
        csv.path = device
        var console = ConsoleSink.Options()
        console.path = device
        let makers: [(String, () throws -> any EventSink)] = [
            ("csv", { try CSVSink(options: csv, context: testContext()) }),
            ("console", { try ConsoleSink(options: console, context: testContext()) }),
        ]
        for (name, make) in makers {
            #expect(throws: SinkError.self, "\(name)") {
                let sink = try make()
                try sink.write([richEvent(1)])
                try sink.close()
            }
        }
        // The CSV file is replaced atomically at close: a device at its path is refused, never replaced.
        var st = stat()
        #expect(lstat(device, &st) == 0 && st.st_mode & S_IFMT == S_IFCHR)
    }

    @Test(.enabled(if: DiskFullDevice.available, "needs root to make a full device"))
    func aFullDiskFailsItsSinkOnlyAndTheRunSaysSo() throws {
        let dir = TemporaryDirectory()
        let log = dir.write("syslog", """
            one line, one event

            """)
        var options = JSONLinesSink.Options()
        options.path = try #require(DiskFullDevice.make(in: dir))
        let full = try JSONLinesSink(options: options, context: testContext())
        let good = CollectingSink()
        let pipeline = Pipeline(lineStages: [EventPerLineStage()], eventStages: [],
                                sinks: [("jsonl", full), ("collect", good)])
        let summary = pipeline.run([InputFile(path: log, stem: log)])
        #expect(good.events.count == 1 && good.closed)
        #expect(summary.errors.count == 1)
        #expect(summary.errors.first?.code == .sinkFailed)
        #expect(summary.errors.first?.path == "jsonl")
        #expect(summary.errors.first?.message.contains("No space left on device") == true)
    }

    @Test func aProgramThatHangsWithoutReadingIsStoppedAndReaped() throws {
        let dir = TemporaryDirectory()
        let pidFile = dir.path + "/pid"
        var options = ExecSink.Options()
        // Ignores SIGTERM and never reads: only the write timeout and SIGKILL end it.
        options.command = ["sh", "-c", "trap '' TERM; echo $$ > \"$1\"; exec sleep 600", "hang", pidFile]
        options.ackTimeoutMs = 300
        options.batchSize = 50
        let warnings = SinkWarnings()
        let sink = try ExecSink(options: options, context: warnings.context)
        // Enough bytes to fill the pipe: the write must time out, not block for ever.
        let events = (0..<400).map { richEvent($0) }
        #expect {
            try sink.write(events)
            try sink.flush()
        } throws: { ($0 as? SinkError)?.message.contains("did not read its input for 300 ms") == true }
        #expect(throws: SinkError.self) { try sink.close() }
        let pid = try #require(Int32(String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(kill(pid, 0) == -1 && errno == ESRCH, "the hung program \(pid) is still there")
    }

    @Test func anOutputFileThatIsNotOursIsRefusedAndLeftAlone() throws {
        let dir = TemporaryDirectory()
        let victim = dir.write("precious.txt", "keep me\n")
        let link = dir.path + "/out.jsonl"
        #expect(Glibc.link(victim, link) == 0)
        var options = JSONLinesSink.Options()
        options.path = link
        #expect {
            _ = try JSONLinesSink(options: options, context: testContext())
        } throws: { ($0 as? SinkError)?.message.contains("hard links") == true }
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "keep me\n")
        let symlink = dir.path + "/sym.jsonl"
        try FileManager.default.createSymbolicLink(atPath: symlink, withDestinationPath: victim)
        options.path = symlink
        #expect {
            _ = try JSONLinesSink(options: options, context: testContext())
        } throws: { ($0 as? SinkError)?.message.contains("symbolic link") == true }
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "keep me\n")
    }

    @Test(.enabled(if: geteuid() == 0, "needs root to give the file to another user"))
    func aFileOwnedByAnotherUserIsRefused() throws {
        let dir = TemporaryDirectory()
        let path = dir.write("theirs.jsonl", "their data\n")
        #expect(chown(path, 65534, 65534) == 0)
        var options = JSONLinesSink.Options()
        options.path = path
        #expect {
            _ = try JSONLinesSink(options: options, context: testContext())
        } throws: { ($0 as? SinkError)?.message.contains("belongs to another user") == true }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "their data\n")
    }

    @Test func newOutputFilesAreCreatedWithMode0644() throws {
        let dir = TemporaryDirectory()
        var options = JSONLinesSink.Options()
        options.path = dir.path + "/new.jsonl"
        let sink = try JSONLinesSink(options: options, context: testContext())
        try sink.close()
        var st = stat()
        #expect(stat(options.path, &st) == 0)
        // Created 0644; the process's umask can only take bits away: never writable by group or others.
        #expect(st.st_mode & 0o600 == 0o600)
        #expect(st.st_mode & 0o133 == 0)
    }
}
