import OOMLensCore
import OOMLensSinkAPI
import OOMLensStages
import OOMLensTestSupport

/// One run of the whole batch pipeline (tokenizer, assembler, diagnosis) over damaged inputs, followed by a clean
/// file whose one report must always be found: the proof that the next file of the set is still read.
struct CorruptRun {
    /// A sink that keeps only what the assertions need, so runs with 100,000 events stay small.
    final class TallySink: EventSink {
        private(set) var count = 0
        private(set) var hosts: [String: Int] = [:]
        private(set) var completeIDs: Set<String> = []
        private(set) var kept: [OOMEvent] = []
        func write(_ events: [OOMEvent]) throws(SinkError) {
            for e in events {
                count += 1
                hosts[e.host ?? "-", default: 0] += 1
                if e.complete { completeIDs.insert(e.id) }
                if kept.count < 16 { kept.append(e) }
            }
        }
        func flush() throws(SinkError) {}
        func close() throws(SinkError) {}
    }

    /// The host of the report in the clean file read after the damaged ones.
    static let nextHost = "next-file-host"

    let summary: RunSummary
    let sink: TallySink

    /// Runs `paths`, then the clean file, as one run. `assembler` adjusts the assembler's options.
    init(_ paths: [String], in dir: TemporaryDirectory, maxLineBytes: Int = 1 << 20, batchLines: Int = 8192,
         assembler: (inout OOMBlockAssemblerStage.Options) -> Void = { _ in }) {
        let next = dir.write("zz-next.log", LogPrefixWriter.fileText(CorruptCorpus.reportLines(host: Self.nextHost).lines))
        var options = OOMBlockAssemblerStage.Options()
        assembler(&options)
        let sink = TallySink()
        let pipeline = Pipeline(lineStages: [TokenizerStage(options: .init()), OOMBlockAssemblerStage(options: options)],
                                eventStages: [DiagnosisStage(options: .init())], sinks: [("tally", sink)],
                                maxLineBytes: maxLineBytes, batchLines: batchLines)
        // Each damaged file is its own stream (distinct stems), as unrelated files in a directory are.
        summary = pipeline.run(paths.map { InputFile(path: $0, stem: $0) } + [InputFile(path: next, stem: next)])
        self.sink = sink
    }

    /// True when the clean file's report was found.
    var readTheNextFile: Bool { sink.hosts[Self.nextHost] == 1 }

    /// The errors of the run, as `code path`.
    var errorCodes: [String] { summary.errors.map { "\($0.code)" } }

    func counter(_ name: String) -> Int { summary.counters[name] ?? 0 }
}
