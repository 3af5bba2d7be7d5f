import Foundation
import Testing

struct RunCommandTests {
    let seed = OOMLensBinary.peerCases + "/seeds/seed-3.14-i686-lowmem.log"

    @Test func jsonlPrintsOnlyEventsWithTheSchemaNames() throws {
        let r = try OOMLensBinary.run(["run", "--output", "jsonl", seed])
        #expect(r.status == 0)
        try #require(r.stdoutLines.count == 1)
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(r.stdoutLines[0].utf8)) as? [String: Any])
        for key in ["id", "kind", "complete", "host", "time", "source", "kernel", "trigger", "zones", "tasks", "kill", "victim"] {
            #expect(obj[key] != nil, "missing \(key)")
        }
        #expect(obj["kind"] as? String == "oom")
        let source = try #require(obj["source"] as? [String: Any])
        #expect(source["path"] as? String == seed)
        #expect((source["first_line"] as? Int ?? 0) >= 1)
        // The summary goes to stderr, never to stdout.
        #expect(r.stderr.contains("events: 1"))
    }

    @Test func sameInputGivesTheSameIds() throws {
        let a = try OOMLensBinary.run(["run", "--quiet", "--output", "jsonl", seed])
        let b = try OOMLensBinary.run(["run", "--quiet", "--output", "jsonl", seed])
        #expect(!a.stdout.isEmpty)
        #expect(a.stdout == b.stdout)
    }

    @Test func oneAndTwoThreadsPrintTheSameEvents() throws {
        let samples = OOMLensBinary.repoRoot.appendingPathComponent("samples").path
        let peerLogs = (FileManager.default.enumerator(atPath: OOMLensBinary.peerCases)?.allObjects as? [String] ?? [])
            .filter { !$0.hasSuffix(".json") && !$0.hasSuffix(".md") }.sorted()
            .map { OOMLensBinary.peerCases + "/" + $0 }
            .filter { var isDir: ObjCBool = false; return FileManager.default.fileExists(atPath: $0, isDirectory: &isDir) && !isDir.boolValue }
        let inputs = [samples] + peerLogs
        let one = try OOMLensBinary.run(["run", "--quiet", "--threads", "1", "--output", "jsonl"] + inputs)
        let two = try OOMLensBinary.run(["run", "--quiet", "--threads", "2", "--output", "jsonl"] + inputs)
        #expect(one.stdoutLines.count > 50)
        #expect(one.stdout == two.stdout)
        let bad = try OOMLensBinary.run(["run", "--threads", "3", "--output", "jsonl", samples])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--threads"))
    }

    @Test func standardInputIsRead() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: seed))
        let r = try OOMLensBinary.run(["run", "--quiet", "--output", "jsonl", "-"], stdin: data)
        #expect(r.status == 0)
        #expect(r.stdoutLines.count == 1)
        #expect(r.stdout.contains(#""path":"-""#))
    }

    @Test func missingFileAmongGoodOnesFailsButReadsTheRest() throws {
        let r = try OOMLensBinary.run(["run", "--output", "jsonl", "/nonexistent/syslog.9.gz", seed])
        #expect(r.status == 1)
        #expect(r.stdoutLines.count == 1)
        #expect(r.stderr.contains("/nonexistent/syslog.9.gz"))
        #expect(r.stderr.contains("missing-path"))
    }

    @Test func textOutputIsReadable() throws {
        let r = try OOMLensBinary.run(["run", "--quiet", "--output", "text", seed])
        #expect(r.status == 0)
        #expect(r.stdout.contains("OOM kill on ldr"))
        #expect(r.stdout.contains("killed: python (pid 593)"))
    }

    @Test func unknownOutputIsAUsageError() throws {
        let r = try OOMLensBinary.run(["run", "--output", "carrier-pigeon", seed])
        #expect(r.status == 2)
        #expect(r.stderr.contains("unknown sink 'carrier-pigeon'"))
    }

    @Test func shippedSamplesRunWithTheDefaultConfig() throws {
        let r = try OOMLensBinary.run(["run", "--quiet", "--output", "jsonl", "samples"])
        #expect(r.status == 0)
        #expect(r.stdoutLines.count >= 3)
    }
}
