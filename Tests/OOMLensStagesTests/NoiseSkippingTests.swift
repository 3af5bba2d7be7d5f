import Foundation
import OOMLensCore
import OOMLensSinkAPI
@testable import OOMLensStages
import OOMLensTestSupport
import Testing

/// Leaving noise untokenized while no report is open changes no event: every peer log, the samples, and
/// synthesised streams of every prefix style (two hosts interleaved, bare continuation lines, `#012` escapes)
/// give the same events with the tokenizer's `skip_noise` on and off, at any batch size.
struct NoiseSkippingTests {
    private static func run(_ paths: [String], skipNoise: Bool, batchLines: Int = 8192)
        -> (events: [OOMEvent], summary: RunSummary)
    {
        var tokenizer = TokenizerStage.Options()
        tokenizer.skipNoise = skipNoise
        let sink = CollectingSink()
        let pipeline = Pipeline(lineStages: [TokenizerStage(options: tokenizer), OOMBlockAssemblerStage(options: .init())],
                                eventStages: [DiagnosisStage(options: .init())], sinks: [("collect", sink)],
                                readSize: 64 << 10, batchLines: batchLines)
        let (files, errors) = InputResolver.resolve(paths)
        let summary = pipeline.run(files, initialErrors: errors)
        return (sink.events, summary)
    }

    private static func json(_ events: [OOMEvent]) throws -> [[UInt8]] {
        let encoder = CompactJSONEncoder()
        return try events.map { try encoder.encode($0) }
    }

    private static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("samples").path

    private static var skippedCounter: String { "tokenizer: lines left untokenized (no keyword, no report open)" }

    @Test func peerLogsAndSamplesGiveTheSameEvents() throws {
        let root = PeerCases.root
        let logs = (FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? [])
            .filter { !$0.hasSuffix(".json") && !$0.hasSuffix(".md") }.sorted().map { root + "/" + $0 }
            .filter { var isDir: ObjCBool = false; return FileManager.default.fileExists(atPath: $0, isDirectory: &isDir) && !isDir.boolValue }
        #expect(logs.count > 10)
        var skippedSomewhere = false
        for log in logs + [Self.samples] {
            for batchLines in [8192, 7] {
                let full = Self.run([log], skipNoise: false, batchLines: batchLines)
                let sparse = Self.run([log], skipNoise: true, batchLines: batchLines)
                #expect(try Self.json(sparse.events) == Self.json(full.events), "\(log), batches of \(batchLines) lines")
                #expect(sparse.summary.lines == full.summary.lines)
                if (sparse.summary.counters[Self.skippedCounter] ?? 0) > 0 { skippedSomewhere = true }
            }
        }
        #expect(skippedSomewhere)
    }

    @Test(arguments: LogPrefixStyle.allCases)
    func synthesisedStreamsGiveTheSameEvents(_ style: LogPrefixStyle) throws {
        let dir = TemporaryDirectory()
        var entries: [SynthesizedLogEntry] = []
        for (index, era) in SynthesizedKernelEra.allCases.enumerated() {
            var generator = SynthesizedParameterGenerator(seed: synthesisSeed(71, index, 0))
            let host = index % 2 == 0 ? "web-01" : "db-02"
            let report = ReportSynthesizer.synthesize(generator.parameters(for: era, host: host))
            var random = SynthSeededRandom(seed: synthesisSeed(72, index, 0))
            let noise = NoiseWriter.entries(count: 400, host: index % 3 == 0 ? "web-01" : "cache-03", style: style,
                                            random: &random)
            entries += SynthesizedLogInterleaver.scatter(noise, into: report.entries, seed: synthesisSeed(73, index, 0))
        }
        var writer = LogPrefixWriter(style: style)
        var text = LogPrefixWriter.fileText(writer.render(entries))
        // Lines with no prefix that continue the kernel line before them, one holding a keyword.
        text += "  Mem-Info: a continuation with a keyword\n\tfree: 12 more\nplain text without a prefix\n"
        let path = dir.write("syslog", Array(text.utf8))
        for batchLines in [8192, 64, 5] {
            let full = Self.run([path], skipNoise: false, batchLines: batchLines)
            let sparse = Self.run([path], skipNoise: true, batchLines: batchLines)
            #expect(full.events.count >= SynthesizedKernelEra.allCases.count)
            #expect(try Self.json(sparse.events) == Self.json(full.events), "\(style), batches of \(batchLines) lines")
        }
    }

    /// A bare continuation line is keyed by the host of the kernel line before it, even when that line and the
    /// lines between were left untokenized (in the same batch or in the one before).
    @Test func bareContinuationKeepsTheHostOfASkippedKernelLine() throws {
        let dir = TemporaryDirectory()
        let text = """
            Mar  1 00:00:00 db-02 kernel: eth0: link up
            Mar  1 00:00:01 web-01 kernel: usb 1-1: new high-speed USB device
            Mar  1 00:00:02 db-02 sshd[12]: Accepted publickey for admin
              Mem-Info:
            Mar  1 00:00:03 web-01 kernel: Node 0 DMA free:15908kB min:268kB low:332kB high:400kB present:15992kB
            Mar  1 00:00:03 web-01 kernel: lowmem_reserve[]: 0 2977 7799 7799
            Mar  1 00:00:04 db-02 cron[7]: (root) CMD (true)

            """
        let path = dir.write("syslog", Array(text.utf8))
        for batchLines in [8192, 3, 2, 1] {
            let full = Self.run([path], skipNoise: false, batchLines: batchLines)
            let sparse = Self.run([path], skipNoise: true, batchLines: batchLines)
            #expect(full.events.count == 1, "one dump on web-01, batches of \(batchLines) lines")
            #expect(try Self.json(sparse.events) == Self.json(full.events), "batches of \(batchLines) lines")
        }
    }

    /// The kernel line that keys a bare continuation can be a whole batch back, and a bare line whose `#012`
    /// piece is not indented keys what follows to no host.
    @Test(arguments: [1024, 8192])
    func bareContinuationKeyedFarBackOrByAnEscapedPiece(batchLines: Int) throws {
        let dir = TemporaryDirectory()
        let sshd = String(repeating: "Jan  1 00:00:00 hostA sshd[1]: session opened\n", count: 1100)
        let farBack = "Jan  1 00:00:00 hostA kernel: eth0: link up\n" + sshd
            + "  Killed process 1 (x) total-vm:1kB, anon-rss:0kB\n"
            + "Jan  1 00:00:01 hostA kernel: oom_reaper: reaped process 1 (x), now anon-rss:0kB\n"
        let escaped = "Jan  1 00:00:00 hostA kernel: hello\n  foo#012bar\n"
            + "  Killed process 1 (x) total-vm:1kB, anon-rss:0kB\n"
            + "Jan  1 00:00:01 hostA kernel: oom_reaper: reaped process 1 (x), now anon-rss:0kB\n"
        for (name, text) in [("far-back", farBack), ("escaped", escaped)] {
            let path = dir.write(name, Array(text.utf8))
            let full = Self.run([path], skipNoise: false, batchLines: batchLines)
            let sparse = Self.run([path], skipNoise: true, batchLines: batchLines)
            #expect(full.events.count == 1, "\(name)")
            #expect(try Self.json(sparse.events) == Self.json(full.events), "\(name), batches of \(batchLines) lines")
            #expect(sparse.summary.counters["assembler: oom_reaper lines with no report"]
                        == full.summary.counters["assembler: oom_reaper lines with no report"], "\(name)")
        }
    }

    @Test func everyLineThatCanStartOrChangeAReportHoldsAKeyword() throws {
        let root = PeerCases.root
        let logs = (FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? [])
            .filter { !$0.hasSuffix(".json") && !$0.hasSuffix(".md") }.map { root + "/" + $0 }
        var checked = 0
        for log in logs {
            guard let data = FileManager.default.contents(atPath: log) else { continue }
            for line in data.split(separator: 0x0A) {
                let text = String(decoding: line, as: UTF8.self)
                // Every suffix, so the message is tried whatever prefix the line has.
                var bytes = Array(text.utf8)
                while !bytes.isEmpty {
                    let role: ReportLineRole = bytes.withUnsafeBytes { ReportLineRole.classify($0) }
                    if role != ReportLineRole.other {
                        checked += 1
                        let message = String(decoding: bytes, as: UTF8.self)
                        #expect(ReportLineRole.keywords.contains { message.contains($0.text) }, "\(message)")
                    }
                    guard let space = bytes.firstIndex(of: 0x20) else { break }
                    bytes.removeFirst(space + 1)
                }
            }
        }
        #expect(checked > 100)
    }
}
