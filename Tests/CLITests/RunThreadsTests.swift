import Foundation
import OOMLensTestSupport
import Testing

/// `oomlens run --threads 1` and `--threads 2` (read-ahead decompression and a delivery thread) print the same
/// events and the same summary.
struct RunThreadsTests {
    /// The summary without what depends on timing: the speed and the depth the delivery queue reached.
    private static func stableSummary(_ stderr: String) -> String {
        stderr.split(separator: "\n", omittingEmptySubsequences: false).compactMap { line -> String? in
            if line.hasPrefix("  delivery queue peak:") { return nil }
            guard line.hasPrefix("oomlens: "), let cut = line.range(of: " in ", options: .backwards) else {
                return String(line)
            }
            return String(line[..<cut.lowerBound])
        }.joined(separator: "\n")
    }

    private static func expectSame(_ inputs: [String], status: Int32) throws -> (stdout: String, summary: String) {
        let one = try OOMLensBinary.run(["run", "--threads", "1", "--output", "jsonl"] + inputs)
        let two = try OOMLensBinary.run(["run", "--threads", "2", "--output", "jsonl"] + inputs)
        #expect(one.status == status)
        #expect(two.status == status)
        #expect(two.stdout == one.stdout)
        let summary = stableSummary(one.stderr)
        #expect(stableSummary(two.stderr) == summary)
        #expect(summary.contains(" lines\n"))
        return (one.stdout, summary)
    }

    @Test func peerCaseLogsPrintTheSameEventsAndSummary() throws {
        let peerLogs = (FileManager.default.enumerator(atPath: OOMLensBinary.peerCases)?.allObjects as? [String] ?? [])
            .filter { !$0.hasSuffix(".json") && !$0.hasSuffix(".md") }.sorted()
            .map { OOMLensBinary.peerCases + "/" + $0 }
            .filter { var isDir: ObjCBool = false; return FileManager.default.fileExists(atPath: $0, isDirectory: &isDir) && !isDir.boolValue }
        let out = try Self.expectSame(peerLogs, status: 0)
        #expect(out.stdout.split(separator: "\n").count > 50)
    }

    @Test func rotationSetWithDamagedAndMissingFilesPrintsTheSameEventsAndSummary() throws {
        let dir = TemporaryDirectory()
        let clean = try Self.expectSame(RotationSetFixture.write(in: dir), status: 0)
        #expect(clean.stdout.split(separator: "\n").count == 48)
        let damagedDir = TemporaryDirectory()
        let damaged = RotationSetFixture.write(in: damagedDir, corruptInMiddle: true)
        let out = try Self.expectSame(Array(damaged[..<3]) + [damagedDir.path + "/syslog.0.gz"] + damaged[3...],
                                      status: 1)
        #expect(out.summary.contains("corrupt-gzip") || out.summary.contains("truncated-gzip"))
        #expect(out.summary.contains("syslog.0.gz"))
        #expect(out.summary.contains("bytes after the last gzip member ignored"))
    }
}
