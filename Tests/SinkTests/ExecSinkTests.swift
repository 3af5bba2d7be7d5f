#if canImport(Glibc)
import Glibc
#endif
import ExecSink
import Foundation
import OOMLensSinkAPI
import OOMLensTestSupport
import Testing

/// Warnings a sink reported, collected from any thread.
final class SinkWarnings: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    var all: [String] { lock.withLock { lines } }

    var context: SinkContext {
        SinkContext(writeStandardOutput: { _ in }, warn: { [self] text in lock.withLock { lines.append(text) } })
    }

    func contains(_ text: String) -> Bool { all.contains { $0.contains(text) } }
}

/// The example consumers shipped in Plugins/ExecSink/examples.
let execExamples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../Plugins/ExecSink/examples").standardizedFileURL.path

struct ExecSinkTests {
    private func events(_ range: Range<Int>) -> [OOMEvent] { range.map(sampleEvent) }

    private func decodeLines(_ path: String) throws -> [OOMEvent] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try text.split(separator: "\n").map { try JSONDecoder().decode(OOMEvent.self, from: Data($0.utf8)) }
    }

    private func options(_ command: [String], batchSize: Int = 2) -> ExecSink.Options {
        var o = ExecSink.Options()
        o.command = command
        o.batchSize = batchSize
        o.restartBackoffMs = 20
        o.ackTimeoutMs = 20_000
        return o
    }

    @Test func shellExampleStoresEveryEventAndAcknowledges() throws {
        let dir = TemporaryDirectory()
        let out = dir.path + "/events.jsonl"
        let warnings = SinkWarnings()
        let sink = try ExecSink(options: options(["sh", execExamples + "/consumer.sh", out]), context: warnings.context)
        let sent = events(0..<5)
        try sink.write(Array(sent[0..<3]))
        try sink.write(Array(sent[3...]))
        try sink.flush()
        // flush returned: every batch is acknowledged, so the program has written every event.
        #expect(try decodeLines(out) == sent)
        try sink.close()
        #expect(warnings.all.isEmpty)
    }

    @Test func pythonExampleStoresEventsAndItsStderrBecomesWarnings() throws {
        let dir = TemporaryDirectory()
        let out = dir.path + "/events.jsonl"
        let warnings = SinkWarnings()
        let sink = try ExecSink(options: options(["python3", execExamples + "/consumer.py", "--verbose", out], batchSize: 3),
                                context: warnings.context)
        let sent = events(10..<17)
        try sink.write(sent)
        try sink.flush()
        #expect(try decodeLines(out) == sent)
        try sink.close()
        // One stderr line per event, each a warning naming the program.
        for e in sent { #expect(warnings.contains("event \(e.id) on \(e.host!): killed py")) }
        #expect(warnings.all.allSatisfy { $0.hasPrefix("exec python3[") })
    }

    @Test func crashedProgramIsRestartedAndTheUnacknowledgedBatchSentAgain() throws {
        let dir = TemporaryDirectory()
        let script = dir.write("crash.py", """
            import json, os, sys
            marker, out = sys.argv[1], sys.argv[2]
            first_run = not os.path.exists(marker)
            open(marker, "a").close()
            batches = 0
            with open(out, "a") as f:
                for header in sys.stdin:
                    h = json.loads(header)
                    lines = [sys.stdin.readline() for _ in range(h["events"])]
                    batches += 1
                    if first_run and batches == 2:
                        print("crashing on purpose", file=sys.stderr, flush=True)
                        os._exit(3)
                    ids = ",".join(json.loads(l)["id"] for l in lines)
                    f.write(f"batch {h['batch']} {'first' if first_run else 'second'} run: {ids}\\n")
                    f.flush()
                    print(f"ack {h['batch']}", flush=True)
            """)
        let out = dir.path + "/log.txt"
        let warnings = SinkWarnings()
        var o = options(["python3", script, dir.path + "/marker", out], batchSize: 1)
        o.maxInFlight = 1
        let sink = try ExecSink(options: o, context: warnings.context)
        try sink.write(events(0..<3))
        try sink.flush()
        try sink.close()
        let log = try String(contentsOfFile: out, encoding: .utf8)
        #expect(log == """
            batch 1 first run: id0
            batch 2 second run: id1
            batch 3 second run: id2

            """)
        #expect(warnings.contains("crashing on purpose"))
        #expect(warnings.contains("exit status 3"))
        #expect(warnings.contains("sending 1 unacknowledged batch(es) again"))
    }

    @Test func slowProgramAppliesBackpressure() throws {
        let dir = TemporaryDirectory()
        let script = dir.write("slow.py", """
            import sys, time
            for header in sys.stdin:
                n = int(header.split('"events":')[1].rstrip("}\\n"))
                for _ in range(n): sys.stdin.readline()
                time.sleep(0.3)
                print("ack " + header.split('"batch":')[1].split(",")[0], flush=True)
            """)
        var o = options(["python3", script], batchSize: 1)
        o.maxInFlight = 1
        let sink = try ExecSink(options: o, context: testContext())
        let start = Date()
        // Four batches with one allowed in flight: the fourth write waits until three were acknowledged.
        try sink.write(events(0..<4))
        let writeSeconds = Date().timeIntervalSince(start)
        try sink.flush()
        let totalSeconds = Date().timeIntervalSince(start)
        try sink.close()
        #expect(writeSeconds >= 0.8)
        #expect(totalSeconds >= 1.1)
    }

    @Test func programThatNeverAcknowledgesFailsAfterTheTimeout() throws {
        let dir = TemporaryDirectory()
        let script = dir.write("mute.py", "import sys\nfor _ in sys.stdin: pass\n")
        var o = options(["python3", script])
        o.ackTimeoutMs = 400
        let sink = try ExecSink(options: o, context: testContext())
        try sink.write(events(0..<1))
        let start = Date()
        #expect(throws: SinkError.self) { try sink.flush() }
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(throws: SinkError.self) { try sink.write(events(1..<2)) }
        #expect(throws: SinkError.self) { try sink.close() }
    }

    @Test func programThatKeepsDyingFailsAfterMaxRestarts() throws {
        var o = options(["false"])
        o.maxRestarts = 2
        o.restartBackoffMs = 10
        let warnings = SinkWarnings()
        let sink = try ExecSink(options: o, context: warnings.context)
        #expect {
            try sink.write(events(0..<2))
            try sink.flush()
        } throws: { ($0 as? SinkError)?.message.contains("gave up after 2 restarts") == true }
        #expect(warnings.all.filter { $0.contains("restarting in") }.count == 2)
    }

    @Test func shellMetacharactersInAnArgumentArePassedLiterally() throws {
        let dir = TemporaryDirectory()
        let name = #"out; touch PWNED1 $(touch PWNED2) `touch PWNED3` | & > * 'q' "dq" \ .jsonl"#
        let sink = try ExecSink(options: options(["python3", execExamples + "/consumer.py", dir.path + "/" + name]),
                                context: testContext())
        try sink.write(events(0..<1))
        try sink.close()
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(files == [name])
        let cwd = FileManager.default.currentDirectoryPath
        for marker in ["PWNED1", "PWNED2", "PWNED3"] {
            #expect(!FileManager.default.fileExists(atPath: cwd + "/" + marker))
        }
    }

    @Test func missingProgramIsASinkError() {
        #expect(throws: SinkError.self) {
            try ExecSink(options: options(["/nonexistent/oomlens-consumer"]), context: testContext())
        }
        #expect(throws: SinkError.self) { try ExecSink(options: .init(), context: testContext()) }
    }

    @Test func programOptionRunsOneProgramWithoutArguments() throws {
        let dir = TemporaryDirectory()
        // Written through a close-on-exec descriptor: a copy inherited by a child that another test spawns at the
        // same moment would make exec fail with ETXTBSY.
        let script = dir.path + "/ack.sh"
        let text = """
            #!/bin/sh
            while IFS= read -r h; do
                n=${h#*\\"batch\\":}; n=${n%%[!0-9]*}
                c=${h#*\\"events\\":}; c=${c%%[!0-9]*}
                while [ "$c" -gt 0 ]; do IFS= read -r e; c=$((c - 1)); done
                echo "ack $n"
            done

            """
        let fd = open(script, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o755)
        #expect(fd >= 0)
        _ = Array(text.utf8).withUnsafeBytes { Glibc.write(fd, $0.baseAddress!, $0.count) }
        close(fd)
        var o = ExecSink.Options()
        o.program = script
        let sink = try ExecSink(options: o, context: testContext())
        try sink.write(events(0..<3))
        try sink.flush()
        try sink.close()
    }
}
