import Foundation
import OOMLensCore
import OOMLensSinkAPI
import OOMLensStages
import OOMLensTestSupport
import Testing

/// What one run of the real pipeline produced.
struct SynthesizedRun {
    var events: [OOMEvent]
    var summary: RunSummary
}

/// Runs the tokenizer and the block assembler (with its decoders) over files written to a temporary directory.
func runRealPipeline(files: [(name: String, bytes: [UInt8])]) -> SynthesizedRun {
    let dir = TemporaryDirectory()
    let paths = files.map { dir.write($0.name, $0.bytes) }
    let sink = CollectingSink()
    let pipeline = Pipeline(lineStages: [TokenizerStage(options: .init()), OOMBlockAssemblerStage(options: .init())],
                            eventStages: [], sinks: [(name: "collect", sink: sink)])
    let (inputs, errors) = InputResolver.resolve(paths)
    let summary = pipeline.run(inputs, initialErrors: errors)
    return SynthesizedRun(events: sink.events, summary: summary)
}

/// Runs the real pipeline over one log file holding `lines`.
func runRealPipeline(lines: [String], fileName: String = "syslog") -> SynthesizedRun {
    runRealPipeline(files: [(fileName, Array(LogPrefixWriter.fileText(lines).utf8))])
}

/// The tokenizer's name for the prefix a style writes (its "lines tokenized, prefix …" counter).
func tokenizerFormat(of style: LogPrefixStyle) -> LinePrefixFormat {
    switch style {
    case .traditionalSyslog, .traditionalSyslogWithUptime, .busybox, .rsyslogEscapedNewlines: .traditionalSyslog
    case .isoSyslog: .isoSyslog
    case .rfc5424: .rfc5424
    case .journalShortPrecise: .journalPrecise
    case .journalShortMonotonic: .journalMonotonic
    case .dmesg: .dmesg
    case .dmesgHuman, .dmesgHumanGerman: .dmesgHuman
    case .dmesgISO: .dmesgISO
    case .kmsg: .kmsg
    case .bare: .bare
    }
}

/// A seed that differs for every combination of the arguments and stays the same from run to run.
func synthesisSeed(_ parts: Int...) -> UInt64 {
    parts.reduce(UInt64(0x5EED)) { $0 &* 1_000_003 &+ UInt64(bitPattern: Int64($1)) }
}

/// Checks a decoded event against the synthesiser's facts. Fields the report prints are compared both ways
/// (a value the report does not show must stay nil); `label` names the case in failure messages.
func expectEvent(_ e: OOMEvent, matches f: OOMEvent, _ label: String,
                 sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(e.kind == f.kind, "\(label): kind", sourceLocation: sourceLocation)
    #expect(e.complete == f.complete, "\(label): complete", sourceLocation: sourceLocation)
    #expect(e.host == f.host, "\(label): host", sourceLocation: sourceLocation)
    if let release = f.kernel.release {
        #expect(e.kernel.release == release, "\(label): kernel.release", sourceLocation: sourceLocation)
    }

    #expect(e.trigger?.comm == f.trigger?.comm, "\(label): trigger.comm", sourceLocation: sourceLocation)
    #expect(e.trigger?.pid == f.trigger?.pid, "\(label): trigger.pid", sourceLocation: sourceLocation)
    #expect(e.trigger?.gfp_mask == f.trigger?.gfp_mask, "\(label): trigger.gfp_mask", sourceLocation: sourceLocation)
    #expect(e.trigger?.order == f.trigger?.order, "\(label): trigger.order", sourceLocation: sourceLocation)
    if let constraint = f.constraint {
        #expect(e.constraint == constraint, "\(label): constraint", sourceLocation: sourceLocation)
    }

    #expect(e.kill == f.kill, "\(label): kill (pid, comm, score)", sourceLocation: sourceLocation)
    #expect(e.victim?.pid == f.victim?.pid, "\(label): victim.pid", sourceLocation: sourceLocation)
    #expect(e.victim?.comm == f.victim?.comm, "\(label): victim.comm", sourceLocation: sourceLocation)
    #expect(e.victim?.anon_rss_kb == f.victim?.anon_rss_kb, "\(label): victim.anon_rss_kb",
            sourceLocation: sourceLocation)
    if let v = f.victim {
        for (name, expected, actual) in [("total_vm_kb", v.total_vm_kb, e.victim?.total_vm_kb),
                                         ("file_rss_kb", v.file_rss_kb, e.victim?.file_rss_kb),
                                         ("shmem_rss_kb", v.shmem_rss_kb, e.victim?.shmem_rss_kb),
                                         ("pgtables_kb", v.pgtables_kb, e.victim?.pgtables_kb)] where expected != nil {
            #expect(actual == expected, "\(label): victim.\(name)", sourceLocation: sourceLocation)
        }
        if let uid = v.uid { #expect(e.victim?.uid == uid, "\(label): victim.uid", sourceLocation: sourceLocation) }
    }
    if let reaped = f.reaped {
        #expect(e.reaped?.pid == reaped.pid, "\(label): reaped.pid", sourceLocation: sourceLocation)
    }

    #expect(e.zones.count == f.zones.count, "\(label): zone count", sourceLocation: sourceLocation)
    for (z, fz) in zip(e.zones, f.zones) {
        let name = "\(label): zone \(fz.node.map { "Node \($0) " } ?? "")\(fz.zone)"
        #expect(z.node == fz.node && z.zone == fz.zone, "\(name): node and name", sourceLocation: sourceLocation)
        #expect([z.free_kb, z.min_kb, z.low_kb, z.high_kb] == [fz.free_kb, fz.min_kb, fz.low_kb, fz.high_kb],
                "\(name): free/min/low/high", sourceLocation: sourceLocation)
        #expect(z.present_kb == fz.present_kb, "\(name): present", sourceLocation: sourceLocation)
        if let managed = fz.managed_kb {
            #expect(z.managed_kb == managed, "\(name): managed", sourceLocation: sourceLocation)
        }
        if let unreclaimable = fz.all_unreclaimable {
            #expect(z.all_unreclaimable == unreclaimable, "\(name): all_unreclaimable", sourceLocation: sourceLocation)
        }
        #expect(z.lowmem_reserve_pages == fz.lowmem_reserve_pages, "\(name): lowmem_reserve",
                sourceLocation: sourceLocation)
        #expect(z.buddy?.counts == fz.buddy?.counts, "\(name): buddy counts", sourceLocation: sourceLocation)
        #expect(z.buddy?.page_kb == fz.buddy?.page_kb, "\(name): buddy page size", sourceLocation: sourceLocation)
        #expect(z.buddy?.total_kb == fz.buddy?.total_kb, "\(name): buddy total", sourceLocation: sourceLocation)
        if let types = fz.buddy?.types {
            #expect(z.buddy?.types == types, "\(name): migrate types", sourceLocation: sourceLocation)
        }
        if fz.buddy?.empty == true {
            #expect(z.buddy?.empty == true, "\(name): empty zone", sourceLocation: sourceLocation)
        }
    }

    #expect(e.tasks.count == f.tasks.count, "\(label): task count", sourceLocation: sourceLocation)
    #expect(e.tasks.map(\.name) == f.tasks.map(\.name), "\(label): task names", sourceLocation: sourceLocation)
    #expect(e.tasks.map(\.pid) == f.tasks.map(\.pid), "\(label): task pids", sourceLocation: sourceLocation)
    #expect(e.tasks.map(\.rss_pages) == f.tasks.map(\.rss_pages), "\(label): task rss", sourceLocation: sourceLocation)
    #expect(e.tasks.map(\.uid) == f.tasks.map(\.uid), "\(label): task uids", sourceLocation: sourceLocation)

    #expect(e.memcg?.oom_cgroup == f.memcg?.oom_cgroup, "\(label): memcg.oom_cgroup", sourceLocation: sourceLocation)
    #expect(e.memcg?.usage_kb == f.memcg?.usage_kb, "\(label): memcg.usage_kb", sourceLocation: sourceLocation)
    #expect(e.memcg?.limit_kb == f.memcg?.limit_kb, "\(label): memcg.limit_kb", sourceLocation: sourceLocation)
    if let m = f.memcg {
        #expect(e.memcg?.task_cgroup == m.task_cgroup, "\(label): memcg.task_cgroup", sourceLocation: sourceLocation)
        #expect(e.memcg?.failcnt == m.failcnt, "\(label): memcg.failcnt", sourceLocation: sourceLocation)
        #expect(e.memcg?.swap == m.swap, "\(label): memcg.swap", sourceLocation: sourceLocation)
        #expect(e.memcg?.memsw == m.memsw, "\(label): memcg.memsw", sourceLocation: sourceLocation)
        #expect(e.memcg?.kmem == m.kmem, "\(label): memcg.kmem", sourceLocation: sourceLocation)
        #expect(e.memcg?.stats == m.stats, "\(label): memcg.stats", sourceLocation: sourceLocation)
    }
}

/// Property-style tests: OOM reports of every era, written by ``ReportSynthesizer`` with random but consistent
/// numbers and names, in every log prefix format, mixed with noise and with another host, go through the real
/// pipeline (tokenizer, assembler, decoders) and must come out as the facts they were written from.
struct SynthesizedReportTests {
    static let eras = SynthesizedKernelEra.allCases
    static let styles = LogPrefixStyle.allCases
    /// Styles that hold lines of other programs (syslog and journal files, dmesg and kmsg for /dev/kmsg writers).
    static let noisyStyles = LogPrefixStyle.allCases.filter { !NoiseWriter.lines(for: $0).isEmpty }
    /// Styles whose lines name their host.
    static let hostStyles = LogPrefixStyle.allCases.filter(\.carriesHost)

    @Test(arguments: eras, styles)
    func everyEraInEveryPrefixFormatDecodesToItsFacts(era: SynthesizedKernelEra, style: LogPrefixStyle) {
        let seed = synthesisSeed(Self.eras.firstIndex(of: era)!, Self.styles.firstIndex(of: style)!)
        var generator = SynthesizedParameterGenerator(seed: seed)
        let report = ReportSynthesizer.synthesize(generator.parameters(for: era, host: "web-01"))
        var writer = LogPrefixWriter(style: style)
        let run = runRealPipeline(lines: writer.render(report.entries))

        let label = "\(era) as \(style) (seed \(seed))"
        #expect(run.summary.errors.isEmpty, "\(label): pipeline errors")
        #expect((run.summary.counters["tokenizer: lines tokenized, prefix \(tokenizerFormat(of: style))"] ?? 0) > 0,
                "\(label): the tokenizer did not recognise the prefix format")
        #expect(run.events.count == 1, "\(label): event count")
        if let event = run.events.first {
            expectEvent(event, matches: report.expectedEvent(renderedAs: style), label)
        }
    }

    @Test(arguments: eras)
    func manyRandomReportsOfOneEraDecodeToTheirFacts(era: SynthesizedKernelEra) {
        for round in 0..<30 {
            let style = Self.styles[round % Self.styles.count]
            let seed = synthesisSeed(606, Self.eras.firstIndex(of: era)!, round)
            var generator = SynthesizedParameterGenerator(seed: seed)
            let report = ReportSynthesizer.synthesize(generator.parameters(for: era, host: "node-\(round)"))
            var writer = LogPrefixWriter(style: style)
            let run = runRealPipeline(lines: writer.render(report.entries))

            let label = "\(era) round \(round) as \(style) (seed \(seed))"
            #expect(run.events.count == 1, "\(label): event count")
            if let event = run.events.first {
                expectEvent(event, matches: report.expectedEvent(renderedAs: style), label)
            }
        }
    }

    @Test(arguments: eras, noisyStyles)
    func noiseBetweenTheLinesOfAReportChangesNothing(era: SynthesizedKernelEra, style: LogPrefixStyle) {
        let seed = synthesisSeed(101, Self.eras.firstIndex(of: era)!, Self.styles.firstIndex(of: style)!)
        var generator = SynthesizedParameterGenerator(seed: seed)
        let report = ReportSynthesizer.synthesize(generator.parameters(for: era, host: "app-7"))
        var random = SynthSeededRandom(seed: seed)
        let noise = NoiseWriter.entries(count: random.int(in: 15...40), host: "app-7", style: style, random: &random)
        let mixed = SynthesizedLogInterleaver.scatter(noise, into: report.entries, seed: seed)
        var writer = LogPrefixWriter(style: style)
        let run = runRealPipeline(lines: writer.render(mixed))

        let label = "\(era) as \(style) with \(noise.count) noise lines (seed \(seed))"
        #expect(mixed.count == report.entries.count + noise.count, "\(label): interleaver lost messages")
        #expect(run.events.count == 1, "\(label): event count")
        if let event = run.events.first {
            expectEvent(event, matches: report.expectedEvent(renderedAs: style), label)
        }
    }

    @Test(arguments: eras)
    func twoHostsInterleavedGiveTwoCompleteEventsEachWithItsHost(era: SynthesizedKernelEra) {
        let index = Self.eras.firstIndex(of: era)!
        let style = Self.hostStyles[index % Self.hostStyles.count]
        let otherEra = Self.eras[(index + 3) % Self.eras.count]
        let seed = synthesisSeed(202, index)
        var generator = SynthesizedParameterGenerator(seed: seed)
        let first = ReportSynthesizer.synthesize(generator.parameters(for: era, host: "db-1"))
        let second = ReportSynthesizer.synthesize(generator.parameters(for: otherEra, host: "cache-2.example.net"))
        var random = SynthSeededRandom(seed: seed)
        let noise = NoiseWriter.entries(count: 20, host: "db-1", style: style, random: &random)
            + NoiseWriter.entries(count: 20, host: "cache-2.example.net", style: style, random: &random)
        let mixed = SynthesizedLogInterleaver.merge([first.entries, second.entries, noise], seed: seed)
        var writer = LogPrefixWriter(style: style)
        let run = runRealPipeline(lines: writer.render(mixed))

        let label = "\(era) on db-1 with \(otherEra) on cache-2 as \(style) (seed \(seed))"
        #expect(run.events.count == 2, "\(label): event count")
        #expect(Set(run.events.compactMap(\.host)) == ["db-1", "cache-2.example.net"], "\(label): hosts")
        for report in [first, second] {
            let events = run.events.filter { $0.host == report.host }
            #expect(events.count == 1, "\(label): events of \(report.host)")
            if let event = events.first {
                #expect(event.complete, "\(label): \(report.host) complete")
                expectEvent(event, matches: report.expectedEvent(renderedAs: style), "\(label) [\(report.host)]")
            }
        }
    }

    @Test(arguments: [SynthesizedKernelEra.rhel6_2_6_32, .linux3_10, .linux4_19, .linux6_1],
          [LogPrefixStyle.traditionalSyslogWithUptime, .journalShortPrecise, .dmesg])
    func truncatedReportThenCompleteOneOnTheSameHostGiveTwoEvents(era: SynthesizedKernelEra, style: LogPrefixStyle) {
        let seed = synthesisSeed(303, Self.eras.firstIndex(of: era)!, Self.styles.firstIndex(of: style)!)
        var generator = SynthesizedParameterGenerator(seed: seed)
        var truncatedParameters = generator.parameters(for: era, host: "batch-3")
        truncatedParameters.includeKillLines = false
        let truncated = ReportSynthesizer.synthesize(truncatedParameters)
        let complete = ReportSynthesizer.synthesize(generator.parameters(for: era, host: "batch-3"))
        var writer = LogPrefixWriter(style: style)
        let run = runRealPipeline(lines: writer.render(truncated.entries + complete.entries))

        let label = "truncated then complete \(era) as \(style) (seed \(seed))"
        #expect(truncated.facts.complete == false && truncated.facts.victim == nil, "\(label): synthesiser facts")
        #expect(run.events.count == 2, "\(label): event count")
        guard run.events.count == 2 else { return }
        #expect(run.events[0].complete == false, "\(label): first event must be incomplete")
        #expect(run.events[1].complete == true, "\(label): second event must be complete")
        expectEvent(run.events[0], matches: truncated.expectedEvent(renderedAs: style), "\(label) [truncated]")
        expectEvent(run.events[1], matches: complete.expectedEvent(renderedAs: style), "\(label) [complete]")
    }

    @Test(arguments: noisyStyles)
    func decoysAloneGiveNoEvents(style: LogPrefixStyle) {
        var random = SynthSeededRandom(seed: synthesisSeed(404, Self.styles.firstIndex(of: style)!))
        let pool = NoiseWriter.lines(for: style)
        // Every decoy once, then a random mix of them.
        var entries = pool.map { SynthesizedLogEntry.program(host: "ops-9", line: $0) }
        entries += NoiseWriter.entries(count: 60, host: "ops-9", style: style, random: &random)
        var writer = LogPrefixWriter(style: style)
        let lines = writer.render(entries)
        let run = runRealPipeline(lines: lines)

        #expect(run.summary.lines == lines.count, "\(style): every decoy line must have been read")
        let made = run.events.map { $0.victim?.comm ?? $0.kind.rawValue }
        #expect(run.events.isEmpty, "\(style): decoys made events: \(made)")
    }

    @Test(arguments: eras)
    func aReportSplitAcrossARotatedGzipFileAndItsSuccessorIsOneEvent(era: SynthesizedKernelEra) {
        let seed = synthesisSeed(505, Self.eras.firstIndex(of: era)!)
        var generator = SynthesizedParameterGenerator(seed: seed)
        let report = ReportSynthesizer.synthesize(generator.parameters(for: era, host: "web-01"))
        var writer = LogPrefixWriter(style: .traditionalSyslog)
        let lines = writer.render(report.entries)
        let cut = lines.count / 2
        let older = GzipEncoder.compress(Array(LogPrefixWriter.fileText(Array(lines[..<cut])).utf8), level: 9)
        let newer = Array(LogPrefixWriter.fileText(Array(lines[cut...])).utf8)
        // Listed newest first: the resolver must still read syslog.1.gz before syslog.
        let run = runRealPipeline(files: [("syslog", newer), ("syslog.1.gz", older)])

        let label = "\(era) split at line \(cut) of \(lines.count)"
        #expect(run.summary.files == 2, "\(label): files read")
        #expect(run.events.count == 1, "\(label): event count")
        if let event = run.events.first {
            expectEvent(event, matches: report.expectedEvent(renderedAs: .traditionalSyslog), label)
        }
    }

    @Test func shippedSamplesDecodeToTheReportsTheyWereWrittenFrom() throws {
        let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("samples").path
        let sink = CollectingSink()
        let stages: [any LineStage] = [TokenizerStage(options: .init()), OOMBlockAssemblerStage(options: .init())]
        let pipeline = Pipeline(lineStages: stages, eventStages: [], sinks: [(name: "collect", sink: sink)])
        let (inputs, errors) = InputResolver.resolve([samples])
        let summary = pipeline.run(inputs, initialErrors: errors)

        #expect(summary.errors.isEmpty, "samples: pipeline errors \(summary.errors)")
        let expected = SynthesizedSamples.all.flatMap { file in file.reports.map { (file, $0) } }
        #expect(sink.events.count == expected.count, "samples: one event per report in samples/")
        for (file, report) in expected {
            let facts = report.expectedEvent(renderedAs: file.style)
            let matching = sink.events.filter { $0.source.path.hasSuffix("/" + file.name) && $0.host == facts.host }
            #expect(matching.count == 1, "samples/\(file.name): events of \(report.host)")
            if let event = matching.first {
                expectEvent(event, matches: facts, "samples/\(file.name)")
            }
        }
    }
}
