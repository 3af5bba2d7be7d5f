import OOMLensCore
import OOMLensSinkAPI
@testable import OOMLensStages
import OOMLensTestSupport
import Testing

/// Reports written by the synthesiser (issue #3) for each cause class, run through the real pipeline and the
/// diagnosis stage.
struct DiagnosisCauseTests {
    /// The events of a synthesised report after tokenizer, assembler and diagnosis.
    func diagnose(_ report: SynthesizedReport) -> [OOMEvent] {
        var writer = LogPrefixWriter(style: .traditionalSyslog)
        var events = runRealPipeline(lines: writer.render(report.entries)).events
        DiagnosisStage(options: .init()).process(&events, StageContext())
        return events
    }

    /// The one event of a synthesised report, with its diagnosis.
    func diagnosis(_ p: SynthesizedReportParameters, extraLines: [SynthesizedKernelLine] = [],
                   sourceLocation: SourceLocation = #_sourceLocation) throws -> (OOMEvent, OOMEvent.Diagnosis) {
        var report = ReportSynthesizer.synthesize(p)
        report.lines += extraLines
        let events = diagnose(report)
        try #require(events.count == 1, sourceLocation: sourceLocation)
        let d = try #require(events[0].diagnosis, sourceLocation: sourceLocation)
        return (events[0], d)
    }

    /// Random parameters of `era`, then changed by `edit`.
    func parameters(_ era: SynthesizedKernelEra, seed: UInt64 = 11,
                    _ edit: (inout SynthesizedReportParameters) -> Void = { _ in }) -> SynthesizedReportParameters {
        var generator = SynthesizedParameterGenerator(seed: seed)
        var p = generator.parameters(for: era, host: "db1")
        edit(&p)
        return p
    }

    /// A zone with `free` kB in blocks of order 0 and 1 (or as given).
    static func zone(_ node: Int?, _ name: String, free: Int64, min: Int64, present: Int64, reserve: [Int64],
                     blocks: [Int64]? = nil, types: [String?] = []) -> SynthesizedZone {
        let pages = free / 4
        let counts = blocks ?? [pages % 2 + pages / 2, pages / 4] + Array(repeating: 0, count: 9)
        var z = SynthesizedZone(node: node, name: name, freeKB: 0, minKB: min, lowKB: min + min / 4,
                                highKB: min + min / 2, presentKB: present, managedKB: present - present / 64,
                                lowmemReservePages: reserve, freeBlocks: counts, migrateTypes: types)
        z.freeKB = z.buddyTotalKB(pageSizeKB: 4)
        return z
    }

    /// 64-bit single-node zones, every one under min + reserve for a Movable-class allocation.
    static let exhaustedZones = [
        zone(0, "DMA", free: 15872, min: 40, present: 15992, reserve: [0, 2780, 15835, 15835, 15835]),
        zone(0, "DMA32", free: 51000, min: 7832, present: 3_094_644, reserve: [0, 0, 13055, 13055, 13055]),
        zone(0, "Normal", free: 36000, min: 36784, present: 13_631_488, reserve: [0, 0, 0, 0, 0]),
    ]

    // MARK: one report per cause class

    @Test func lowmemExhaustedOnA32BitKernel() throws {
        let p = parameters(.linux3_10) { p in
            p.zones = [
                Self.zone(nil, "DMA", free: 3388, min: 64, present: 15992, reserve: [0, 839, 1996, 1996],
                          blocks: [21, 15, 9, 9, 5, 3, 2, 1, 1, 0, 0]),
                Self.zone(nil, "Normal", free: 3580, min: 3672, present: 892_920, reserve: [0, 0, 9257, 9257],
                          blocks: [333, 269, 0, 1, 1, 0, 0, 0, 0, 0, 0]),
                Self.zone(nil, "HighMem", free: 0, min: 512, present: 1_184_968, reserve: [0, 0, 0, 0],
                          blocks: [1085, 1427, 1298, 1116, 933, 723, 506, 280, 103, 28, 121]),
            ]
            p.trigger.gfpMask = "0xd0"
            p.trigger.order = 0
        }
        let (e, d) = try diagnosis(p)
        #expect(d.cause == "lowmem-exhausted", "\(d.summary)")
        #expect(e.trigger?.gfp_flags == ["GFP_KERNEL"])
        #expect(d.summary.contains("Normal (lowmem) free 3580 kB is below min 3672 kB"))
        #expect(d.summary.contains("HighMem has 1155820 kB free"))
        #expect(d.allowed_zones == ["Normal", "DMA"])
        #expect(d.advice.contains { $0.contains("64-bit kernel") })
    }

    @Test func zoneWatermarkWhenEveryAllowedZoneIsExhausted() throws {
        let p = parameters(.linux4_19) { p in
            p.zones = Self.exhaustedZones
            p.memsAllowed = "0"
            p.trigger.gfpMask = "0x6200ca"
            p.trigger.gfpFlagNames = ["GFP_HIGHUSER_MOVABLE"]
            p.trigger.order = 0
            p.swapTotalKB = 0
            p.swapFreeKB = 0
        }
        let (_, d) = try diagnosis(p)
        #expect(d.cause == "zone-watermark", "\(d.summary)")
        #expect(d.node == 0 && d.fragmented == false)
        #expect(d.summary.contains("Node 0 Normal free 36000 kB is below min 36784 kB"))
        #expect(d.summary.contains("Node 0 DMA32 cannot serve it either"))
        #expect(d.failed_zones.allSatisfy { !$0.passed })
        #expect(d.gfp_layout?.hasPrefix("H ") == true)
        #expect(d.advice.contains { $0.contains("Add swap") })
        // The accounting splits RAM and names the largest consumer.
        let a = try #require(d.accounting)
        #expect(a.scope == "system" && a.total_kb == p.ramPages * 4)
        #expect(d.unexplained_kb == a.total_kb - a.explained_kb)
        #expect(d.top_consumers.first?.pid == p.victim.pid)
        #expect(d.top_consumers_by_name?.isEmpty == false)
    }

    @Test func fragmentationWhenTheFreeMemoryIsInSmallBlocks() throws {
        func params(order: Int) -> SynthesizedReportParameters {
            parameters(.linux4_19) { p in
                let small: [Int64] = [60000, 20000] + Array(repeating: 0, count: 9)
                let smaller: [Int64] = [30000, 10000] + Array(repeating: 0, count: 9)
                p.zones = [
                    Self.zone(0, "DMA", free: 15872, min: 40, present: 15992, reserve: [0, 2780, 15835, 15835, 15835]),
                    Self.zone(0, "DMA32", free: 0, min: 7832, present: 3_094_644, reserve: [0, 0, 13055, 13055, 13055],
                              blocks: small, types: ["UME", "UME"]),
                    Self.zone(0, "Normal", free: 0, min: 36784, present: 13_631_488, reserve: [0, 0, 0, 0, 0],
                              blocks: smaller, types: ["UME", "UM"]),
                ]
                p.memsAllowed = "0"
                p.trigger.gfpMask = "0x6040c0"
                p.trigger.gfpFlagNames = ["GFP_KERNEL", "__GFP_COMP"]
                p.trigger.order = order
            }
        }
        let (_, d) = try diagnosis(params(order: 2))
        #expect(d.cause == "fragmentation", "\(d.summary)")
        #expect(d.fragmented == true)
        #expect(d.failed_zones.filter { $0.verdict == "fragmented" }.map(\.zone) == ["Normal", "DMA32"])
        #expect(d.summary.contains("needs a free block of order 2 (16 kB contiguous)"))
        #expect(d.advice.contains { $0.contains("vm.min_free_kbytes") })
        #expect(!d.summary.contains("PAGE_ALLOC_COSTLY_ORDER"))

        // Costly orders (above 3) are told apart.
        let (_, costly) = try diagnosis(params(order: 4))
        #expect(costly.cause == "fragmentation")
        #expect(costly.summary.contains("PAGE_ALLOC_COSTLY_ORDER"))
        #expect(costly.advice.contains { $0.contains("kvmalloc") })
    }

    @Test(arguments: [SynthesizedKernelEra.memcgV1, .memcgV2])
    func memcgLimit(era: SynthesizedKernelEra) throws {
        for seed in UInt64(1)...4 {
            let p = parameters(era, seed: seed)
            let (_, d) = try diagnosis(p)
            let m = try #require(p.memcg)
            #expect(d.cause == "memcg-limit", "\(era) seed \(seed)")
            #expect(d.summary.contains("\(m.oomCgroup) used \(m.memory.usage_kb) kB of its \(m.memory.limit_kb) kB limit"))
            #expect(d.summary.contains("failcnt \(m.memory.failcnt)"))
            #expect(d.accounting?.scope == "memcg" && d.accounting?.limit_kb == m.memory.limit_kb)
            #expect(d.advice.contains { $0.contains(era == .memcgV2 ? "memory.max" : "memory.limit_in_bytes") })
            #expect(d.top_consumers.first?.share_of_limit != nil)
        }
    }

    @Test func cpusetOrMempolicyWhenOnlyTheNodesItMayNotUseHaveMemory() throws {
        let p = parameters(.linux4_19) { p in
            p.zones = Self.exhaustedZones + [
                Self.zone(1, "Normal", free: 4_000_000, min: 45444, present: 16_777_212, reserve: [0, 0, 0, 0, 0])
            ]
            p.memsAllowed = "0"
            p.cpuset = "vcpu0"
            p.trigger.gfpMask = "0x6200ca"
            p.trigger.gfpFlagNames = ["GFP_HIGHUSER_MOVABLE"]
            p.trigger.order = 0
        }
        let (_, d) = try diagnosis(p)
        #expect(d.cause == "cpuset-or-mempolicy", "\(d.summary)")
        #expect(d.summary.contains("Node 1 Normal"))
        let other = try #require(d.failed_zones.first { $0.node == 1 })
        #expect(other.allowed == false && other.verdict == "not-allowed")
        #expect(d.advice.contains { $0.contains("cpuset.mems") && $0.contains("vcpu0") })
    }

    @Test func manualKillHasOrderMinusOne() throws {
        let p = parameters(.linux6_1) { p in
            p.trigger.comm = "kworker/0:2"
            p.trigger.gfpMask = "0xcc0"
            p.trigger.gfpFlagNames = ["GFP_KERNEL"]
            p.trigger.order = -1
        }
        let (_, d) = try diagnosis(p)
        #expect(d.cause == "manual")
        #expect(d.summary.contains("order -1") && d.summary.contains("kworker/0:2"))
        #expect(d.advice.contains { $0.contains("kernel.sysrq") })
    }

    @Test func noKillableProcess() throws {
        let p = parameters(.linux6_1) { p in
            p.zones = Self.exhaustedZones
            p.memsAllowed = "0"
            p.trigger.gfpMask = "0x100cca"
            p.trigger.gfpFlagNames = ["GFP_HIGHUSER_MOVABLE"]
            p.trigger.order = 0
            p.includeKillLines = false
            for i in p.tasks.indices { p.tasks[i].oomScoreAdj = -1000 }
        }
        let (e, d) = try diagnosis(p, extraLines: [SynthesizedKernelLine("Out of memory and no killable processes...",
                                                                         level: 3)])
        #expect(e.outcome == "no-killable-process")
        #expect(d.cause == "no-killable-process", "\(d.summary)")
        #expect(d.summary.contains("\(p.tasks.count) of the \(p.tasks.count) listed tasks have oom_score_adj -1000"))
        // The shortage behind it is still explained.
        #expect(d.summary.contains("Node 0 Normal free 36000 kB is below min 36784 kB"))
        #expect(d.victim?.ranking.isEmpty == true)
        #expect(d.advice.contains { $0.contains("oom_score_adj") })
    }

    @Test func unknownWhenAnAllowedZoneLooksHealthy() throws {
        let p = parameters(.linux6_1) { p in
            p.zones = [
                Self.zone(0, "DMA", free: 15872, min: 40, present: 15992, reserve: [0, 2780, 15835, 15835, 15835]),
                Self.zone(0, "DMA32", free: 1_600_000, min: 7832, present: 3_094_644, reserve: [0, 0, 3055, 3055, 3055]),
            ]
            p.memsAllowed = "0"
            p.trigger.gfpMask = "0x100cca"
            p.trigger.gfpFlagNames = ["GFP_HIGHUSER_MOVABLE"]
            p.trigger.order = 0
        }
        let (_, d) = try diagnosis(p)
        #expect(d.cause == "unknown")
        #expect(d.summary.contains("Node 0 DMA32 could have served the request"))
        #expect(d.failed_zones.contains { $0.zone == "DMA32" && $0.passed && $0.verdict == "ok" })
    }

    // MARK: properties over random reports of every era

    @Test(arguments: SynthesizedKernelEra.allCases)
    func everyEraGetsAConsistentDiagnosis(era: SynthesizedKernelEra) throws {
        for seed in UInt64(20)..<32 {
            let p = parameters(era, seed: seed)
            let (e, d) = try diagnosis(p)
            let label = "\(era) seed \(seed)"
            #expect(!d.summary.isEmpty, "\(label)")
            if era.isMemcg {
                #expect(d.cause == "memcg-limit", "\(label)")
                continue
            }
            let allowed = d.failed_zones.filter { $0.allowed == true }
            #expect(!allowed.isEmpty, "\(label)")
            switch d.cause {
            case "lowmem-exhausted":
                #expect(allowed.allSatisfy { !$0.passed }, "\(label)")
                #expect(d.failed_zones.contains { $0.allowed == false && $0.zone == "HighMem" }, "\(label)")
            case "zone-watermark", "fragmentation":
                #expect(allowed.allSatisfy { !$0.passed }, "\(label)")
                #expect((d.cause == "fragmentation") == allowed.contains { $0.verdict == "fragmented" }, "\(label)")
            case "unknown":
                #expect(allowed.contains { $0.passed }, "\(label): \(d.summary)")
            default:
                Issue.record("\(label): unexpected cause \(d.cause)")
            }
            #expect(d.accounting != nil, "\(label)")
            if p.printsTaskTable {
                #expect(d.victim != nil && !d.top_consumers.isEmpty, "\(label)")
            }
            #expect(e.trigger?.gfp_flags?.isEmpty == false, "\(label)")
            if !p.trigger.gfpFlagNames.isEmpty {
                #expect(Set(e.trigger?.gfp_flags ?? []) == Set(p.trigger.gfpFlagNames), "\(label)")
            }
        }
    }

    /// The synthesiser computes the printed score its own way (rss + page tables + swap over managed RAM +
    /// swap); our recomputation must agree wherever the era's formula has no term the synthesiser leaves out.
    @Test(arguments: [SynthesizedKernelEra.linux3_10, .linux4_19])
    func recomputedScoresMatchTheSynthesisedOnes(era: SynthesizedKernelEra) throws {
        var compared = 0
        for seed in UInt64(40)..<70 {
            let p = parameters(era, seed: seed)
            guard p.selection.pid == p.victim.pid,
                  let task = p.tasks.first(where: { $0.pid == p.victim.pid }),
                  task.oomScoreAdj == 0, era == .linux4_19 || task.uid != 0 else { continue }
            let (_, d) = try diagnosis(p)
            let v = try #require(d.victim)
            #expect(v.printed_score == p.selection.score)
            #expect(v.recomputed_score == p.selection.score, "\(era) seed \(seed): \(v.explanation)")
            #expect(v.child_sacrificed == false)
            compared += 1
        }
        #expect(compared >= 5)
    }

    @Test func aChildKilledInsteadOfTheSelectedTaskIsSaidSo() throws {
        var found = false
        for seed in UInt64(100)..<300 where !found {
            let p = parameters(.linux4_8, seed: seed)
            guard p.selection.pid != p.victim.pid else { continue }
            let (_, d) = try diagnosis(p)
            #expect(d.victim?.child_sacrificed == true)
            #expect(d.summary.contains("The selected process (\(p.selection.pid)) differs from the killed one (\(p.victim.pid), a child)"))
            found = true
        }
        #expect(found)
    }
}
