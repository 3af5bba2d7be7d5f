import Foundation
import OOMLensCore
import OOMLensSinkAPI
import OOMLensStages
import OOMLensTestSupport
import Testing

/// A batch run that decodes and delivers on a second thread gives exactly what one thread gives.
struct DeliveryThreadTests {
    /// A rotation set: reports of every era, on two hosts, between noise lines; the older files gzipped.
    private static func rotationSet() -> (TemporaryDirectory, [String]) {
        let dir = TemporaryDirectory()
        var paths: [String] = []
        let eras = SynthesizedKernelEra.allCases
        for file in 0..<3 {
            var entries: [SynthesizedLogEntry] = []
            for (index, era) in eras.enumerated() {
                var generator = SynthesizedParameterGenerator(seed: synthesisSeed(91, file, index))
                let host = index % 2 == 0 ? "web-01" : "db-02"
                let report = ReportSynthesizer.synthesize(generator.parameters(for: era, host: host))
                var random = SynthSeededRandom(seed: synthesisSeed(92, file, index))
                let noise = NoiseWriter.entries(count: 300, host: host, style: .traditionalSyslog, random: &random)
                entries += SynthesizedLogInterleaver.scatter(noise, into: report.entries, seed: synthesisSeed(93, file, index))
            }
            var writer = LogPrefixWriter(style: .traditionalSyslog)
            let text = Array(LogPrefixWriter.fileText(writer.render(entries)).utf8)
            let name = file == 2 ? "syslog" : "syslog.\(2 - file)" + (file == 0 ? ".gz" : "")
            paths.append(dir.write(name, file == 0 ? GzipEncoder.compress(text) : text))
        }
        return (dir, paths)
    }

    private static func run(_ paths: [String], deliveryThread: Bool) -> (events: [OOMEvent], summary: RunSummary) {
        let sink = CollectingSink()
        let pipeline = Pipeline(lineStages: [TokenizerStage(options: .init()), OOMBlockAssemblerStage(options: .init())],
                                eventStages: [DiagnosisStage(options: .init())], sinks: [("collect", sink)],
                                readSize: 64 << 10, deliveryThread: deliveryThread)
        let (files, errors) = InputResolver.resolve(paths)
        let summary = pipeline.run(files, initialErrors: errors)
        return (sink.events, summary)
    }

    @Test func twoThreadsGiveTheSameEventsAndCountersAsOne() throws {
        let (dir, paths) = Self.rotationSet()
        _ = dir
        let one = Self.run(paths, deliveryThread: false)
        let two = Self.run(paths, deliveryThread: true)
        #expect(one.events.count == 3 * SynthesizedKernelEra.allCases.count)
        #expect(one.events.allSatisfy { $0.diagnosis != nil })
        #expect(one.events.contains { !$0.tasks.isEmpty && !$0.zones.isEmpty })
        #expect(two.events == one.events)
        let encoder = CompactJSONEncoder()
        #expect(try two.events.map { try encoder.encode($0) } == one.events.map { try encoder.encode($0) })
        var counters = two.summary.counters
        counters["delivery queue peak"] = nil
        #expect(counters == one.summary.counters)
        #expect(two.summary.events == one.summary.events)
        #expect(two.summary.eventsByKind == one.summary.eventsByKind)
        #expect(two.summary.errors.isEmpty && one.summary.errors.isEmpty)
        #expect(two.summary.lines == one.summary.lines)
    }
}
