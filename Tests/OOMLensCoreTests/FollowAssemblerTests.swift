import OOMLensCore
import OOMLensSinkAPI
import OOMLensStages
import OOMLensTestSupport
import Testing

/// The assembler in follow mode (``StageContext/live``): emit at the kill line, update on `oom_reaper:`, emit on
/// idle, and the oldest line it holds for the checkpoint.
struct FollowAssemblerTests {
    /// The tokenizer and the assembler fed line by line, as the follower feeds them.
    final class LiveAssembly {
        let tokenizer = TokenizerStage(options: .init())
        let assembler = OOMBlockAssemblerStage(options: .init())
        let context = StageContext()
        let framer = LineFramer()
        let input = InputContext(path: "syslog", index: 1, stem: "syslog", referenceYear: 2024, referenceMonth: 2)
        var events: [OOMEvent] = []
        private var pending: [UInt8] = []

        init(live: Bool = true) {
            context.live = live
            framer.begin(input)
        }

        func feed(_ lines: [String]) {
            pending += Array(lines.map { $0 + "\n" }.joined().utf8)
            _ = try? framer.pump({ (chunk: UnsafeMutableRawBufferPointer) throws(PipelineError) -> Int in
                let n = min(chunk.count, self.pending.count)
                for i in 0..<n { chunk[i] = self.pending[i] }
                self.pending.removeFirst(n)
                return n
            }, { batch in
                self.tokenizer.process(batch, self.context)
                self.assembler.process(batch, self.context)
                self.events += self.context.events
                self.context.events.removeAll()
            })
        }

        func idle() {
            assembler.idle(context)
            events += context.events
            context.events.removeAll()
        }

        func endOfStream() {
            assembler.endOfStream(context)
            events += context.events
            context.events.removeAll()
        }
    }

    static func reportLines(seed: UInt64, host: String = "db1", killLines: Bool = true) -> [String] {
        var generator = SynthesizedParameterGenerator(seed: seed)
        var parameters = generator.parameters(for: .linux4_19, host: host)
        parameters.includeKillLines = killLines
        parameters.includeReaperLine = true
        var writer = LogPrefixWriter(style: .traditionalSyslog)
        return writer.render(ReportSynthesizer.synthesize(parameters).entries)
    }

    static func batchEvents(_ lines: [String]) -> [OOMEvent] {
        let batch = LiveAssembly(live: false)
        batch.feed(lines)
        batch.endOfStream()
        return batch.events
    }

    @Test func aReportIsEmittedAtItsKillLineAndUpdatedWithTheSameIdByTheReaperLine() throws {
        let lines = Self.reportLines(seed: 11)
        let kill = try #require(lines.firstIndex { $0.contains("Killed process") })
        let reaper = try #require(lines.firstIndex { $0.contains("oom_reaper:") })
        #expect(kill < reaper)
        let live = LiveAssembly()
        live.feed(Array(lines[...kill]))
        #expect(live.events.count == 1)
        #expect(live.events.first?.complete == true)
        #expect(live.events.first?.reaped == nil)
        live.feed(Array(lines[(kill + 1)...]))
        #expect(live.events.count == 2)
        #expect(live.events.map(\.id) == [live.events[0].id, live.events[0].id])
        #expect(live.events.last?.reaped != nil)
        // Nothing new after the report closed: no third emission.
        live.idle()
        live.endOfStream()
        #expect(live.events.count == 2)
        // The last version is what a batch run emits.
        #expect(live.events.last == Self.batchEvents(lines).first)
    }

    @Test func aReportWithoutAKillLineWaitsForTheIdleCall() {
        let lines = Self.reportLines(seed: 12, killLines: false)
        let live = LiveAssembly()
        live.feed(lines)
        #expect(live.events.isEmpty)
        #expect(live.assembler.oldestHeldLine()?.lineNumber == 1)
        live.idle()
        #expect(live.events.count == 1)
        #expect(live.events.first?.id == Self.batchEvents(lines).first?.id)
        #expect(live.assembler.oldestHeldLine() == nil)
    }

    @Test func theHeldLineIsTheFirstLineOfTheOldestOverlappingReport() throws {
        let first = Self.reportLines(seed: 21, host: "alpha")
        let second = Self.reportLines(seed: 22, host: "beta")
        let live = LiveAssembly()
        #expect(live.assembler.oldestHeldLine() == nil)
        live.feed(Array(first.prefix(3)))
        #expect(live.assembler.oldestHeldLine()?.lineNumber == 1)
        #expect(live.assembler.oldestHeldLine()?.offset == 0)
        // beta's report starts while alpha's is open, then alpha's ends: the hold stays at alpha's first line,
        // because a restart from beta's first line would meet the rest of alpha's report without its start.
        live.feed(Array(second.prefix(3)))
        live.feed(Array(first.dropFirst(3)))
        live.idle()
        #expect(live.assembler.oldestHeldLine() == nil)
        let mixed = LiveAssembly()
        mixed.feed(Array(first.prefix(3)) + Array(second.prefix(3)) + Array(first.dropFirst(3)))
        #expect(mixed.assembler.oldestHeldLine()?.lineNumber == 1)
    }

    @Test func batchModeEmitsOnlyWhenAReportCloses() throws {
        let lines = Self.reportLines(seed: 31)
        let kill = try #require(lines.firstIndex { $0.contains("Killed process") })
        let batch = LiveAssembly(live: false)
        batch.feed(Array(lines[...kill]))
        #expect(batch.events.isEmpty)
        batch.feed(Array(lines[(kill + 1)...]))
        batch.endOfStream()
        #expect(batch.events.count == 1)
    }
}
