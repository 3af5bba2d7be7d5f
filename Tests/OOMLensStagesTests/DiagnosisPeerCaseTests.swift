import Foundation
import OOMLensCore
import OOMLensSinkAPI
@testable import OOMLensStages
import Testing

/// The events of `paths` after the tokenizer, the assembler and the diagnosis stage.
func diagnosedEvents(_ paths: [String], keepRaw: Bool = false) -> [OOMEvent] {
    var events = PeerCases.events(paths, keepRaw: keepRaw)
    DiagnosisStage(options: .init()).process(&events, StageContext())
    return events
}

/// The numbers in a phrase (`3388 kB free is below min 64 kB` → 3388, 64).
func numbers(in text: String) -> [String] {
    text.split(whereSeparator: { !$0.isNumber }).map(String.init)
}

/// The verdicts the peers' tests and the seed documents demand, in our terms (`diagnosis.cause`, the zone
/// checks, `node`, `fragmented`, the victim analysis).
struct DiagnosisPeerCaseTests {
    // MARK: seeds

    @Test func seedLowmemReportIsLowmemExhaustedWithTheNumbersInTheSummary() throws {
        let c = try #require(PeerCases.cases("seeds").first { $0.inputs[0].hasSuffix("seed-3.14-i686-lowmem.log") })
        let events = diagnosedEvents(c.inputs)
        try #require(events.count == 1)
        let d = try #require(events[0].diagnosis)
        #expect(d.cause == c.expected["diagnosis_cause"] as? String)
        #expect(d.cause == "lowmem-exhausted")
        for phrase in c.expected["diagnosis_must_say"] as? [String] ?? [] {
            for n in numbers(in: phrase) {
                #expect(d.summary.contains(n), "summary lacks \(n) of: \(phrase)\n\(d.summary)")
            }
        }
        #expect(d.summary.contains("Normal (lowmem) free 3556 kB is below min 3672 kB"))
        #expect(d.summary.contains("DMA cannot serve it either: 3388 kB free is below min 64 kB + lowmem_reserve 839 pages (3356 kB)"))
        #expect(d.summary.contains("HighMem has 1155752 kB free but the allocation (no __GFP_HIGHMEM) may not use HighMem"))
        #expect(d.summary.contains("The selected process (1386) differs from the killed one (593, a child)"))
        // What filled lowmem: 860136 − 3556 − 25480 kB of counted use in the Normal zone line.
        #expect(d.summary.contains("Normal holds 831100 kB (96% of its 860136 kB) that none of its counters accounts for"))
        #expect(d.advice.contains { $0.contains("831100 kB of Normal") })

        // The zone checks behind it: Normal below min, DMA blocked by its reserve, HighMem not allowed.
        let normal = try #require(d.failed_zones.first { $0.zone == "Normal" })
        #expect(normal.verdict == "below-min" && !normal.passed && normal.free_kb == 3556 && normal.min_kb == 3672)
        #expect(normal.reserve_pages == 0 && normal.classzone == "Normal")
        let dma = try #require(d.failed_zones.first { $0.zone == "DMA" })
        #expect(dma.verdict == "below-reserve" && dma.reserve_pages == 839 && dma.reserve_kb == 3356)
        let high = try #require(d.failed_zones.first { $0.zone == "HighMem" })
        #expect(high.allowed == false && high.free_kb == 1155752)
        #expect(d.allowed_zones == ["Normal", "DMA"])

        // GFP: the 3.14 layout (D).
        let expectedFlags = (c.expected["gfp_flags_decoded"] as? String ?? "").components(separatedBy: " (")[0]
        #expect(events[0].trigger?.gfp_flags?.joined(separator: " | ") == expectedFlags)
        #expect(d.gfp_layout?.hasPrefix("D ") == true)

        // Why this victim: score 2 reproduced, 593 a sacrificed child of 1386.
        let v = try #require(d.victim)
        #expect(v.selected_pid == 1386 && v.killed_pid == 593 && v.child_sacrificed == true)
        #expect(v.printed_score == 2 && v.recomputed_score == 2)
        #expect(v.agrees == true)
        #expect(d.advice.contains { $0.contains("64-bit kernel") })
        #expect(d.advice.contains { $0.contains("vm.lowmem_reserve_ratio") && $0.contains("9257") })
    }

    @Test func seedBusyboxZoneDumpIsLowmemExhausted() throws {
        let c = try #require(PeerCases.cases("seeds").first { $0.inputs[0].hasSuffix("seed-busybox-2.6-zone-dump.log") })
        let events = diagnosedEvents(c.inputs)
        let dump = try #require(events.first { $0.kind == .memoryDump })
        let d = try #require(dump.diagnosis)
        #expect(d.cause == c.expected["diagnosis_cause"] as? String)
        #expect(d.cause == "lowmem-exhausted")
        for phrase in c.expected["diagnosis_must_say"] as? [String] ?? [] {
            for n in numbers(in: phrase) {
                #expect(d.summary.contains(n), "summary lacks \(n) of: \(phrase)\n\(d.summary)")
            }
        }
        #expect(d.summary.contains("Normal (lowmem) free 1340 kB is below min 3756 kB"))
        #expect(d.summary.contains("HighMem has 1615600 kB free"))
        // The 2.6.18 fixed zone enum: DMA's reserve for a Normal allocation is column 2 (880 pages).
        let dmaCheck = try #require(d.failed_zones.first { $0.zone == "DMA" })
        #expect(dmaCheck.reserve_pages == 880)
        // The empty DMA32 zone takes no part.
        #expect(!d.failed_zones.contains { $0.zone == "DMA32" })
    }

    // MARK: OOMAnalyser

    /// "failed below low watermark" in OOMAnalyser's words is an allowed zone failing its watermark test here.
    @Test func oomAnalyserVerdictsHoldInOurTerms() throws {
        let cases = PeerCases.cases("OOMAnalyser")
        #expect(cases.count == 4)
        var checked = 0
        for c in cases {
            let name = (c.inputs[0] as NSString).lastPathComponent
            let events = diagnosedEvents(c.inputs)
            try #require(events.count == 1, "\(name)")
            let e = events[0]
            let d = try #require(e.diagnosis, "\(name)")
            let x = c.expected
            if let reason = x["alloc_failure_reason"] as? String {
                #expect(reason == "failed below low watermark")
                #expect(d.cause == "zone-watermark", "\(name): \(d.summary)")
                #expect(d.failed_zones.contains { $0.allowed == true && $0.verdict == "below-min" }, "\(name)")
                #expect(d.failed_zones.filter { $0.allowed == true }.allSatisfy { !$0.passed }, "\(name)")
                checked += 1
            }
            if let fragmented = x["memory_fragmented"] as? Bool {
                #expect(d.fragmented == fragmented, "\(name)")
                checked += 1
            }
            if let node = x["trigger_numa_node"] as? Int {
                #expect(d.node == node, "\(name)")
                checked += 1
            }
            if let shortage = x["node_with_memory_shortage"] as? [String: Any] {
                for (zone, node) in shortage {
                    let belowMin = d.failed_zones.filter { $0.zone == zone && $0.verdict == "below-min" }
                    if let node = node as? Int {
                        #expect(belowMin.first?.node == node, "\(name): \(zone)")
                    } else {
                        #expect(belowMin.isEmpty, "\(name): \(zone) has no node below min")
                    }
                }
                checked += 1
            }
            if let score = x["killed_process_score"] as? Int {
                let v = try #require(d.victim, "\(name)")
                #expect(v.printed_score == score, "\(name)")
                #expect(v.recomputed_score == score, "\(name): \(v.explanation)")
                #expect(v.agrees == true && v.top_pid == 6576, "\(name)")
                #expect(v.total_pages == 10_283_998, "\(name)")
                checked += 1
            }
            if let flags = x["gfp_flags_decoded"] as? String {
                let expected = Set(flags.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) })
                #expect(Set(e.trigger?.gfp_flags ?? []) == expected, "\(name)")
                #expect(d.gfp_disagreements == nil, "\(name)")
                checked += 1
            }
            if let type = x["oom_type"] as? String {
                if type.hasPrefix("manual") {
                    #expect(d.cause == "manual", "\(name)")
                } else if type.contains("memcg") {
                    #expect(d.cause == "memcg-limit", "\(name)")
                } else {
                    #expect(d.cause != "manual" && d.cause != "memcg-limit", "\(name)")
                }
                checked += 1
            }
            if let swap = x["cgroup_swap"] as? String, swap.hasPrefix("deactivated") {
                #expect(d.summary.contains("swap: usage 0 kB, limit 0 kB: the cgroup may not swap"), "\(name)")
                checked += 1
            }
            if let active = x["swap_active"] as? Bool {
                #expect((d.accounting?.swap_total_kb ?? 0 > 0) == active, "\(name)")
                checked += 1
            }
            if let used = x["swap_used_kb"] as? Int {
                #expect(d.accounting?.swap_used_kb == Int64(used), "\(name)")
                checked += 1
            }
            if let chunks = x["free_chunk_of_order_or_higher"] as? [String: Bool] {
                for (key, expected) in chunks {
                    let parts = key.split(separator: " ")
                    let zone = String(parts[0])
                    let order = Int(parts[1].dropFirst(5))!
                    let node = Int(parts[2].dropFirst(4))!
                    let z = try #require(e.zones.first { $0.zone == zone && $0.node == node }, "\(key)")
                    #expect(ZoneWatermarkCheck.hasFreeBlock(counts: z.buddy?.counts ?? [], order: order) == expected,
                            "\(name): \(key)")
                }
                checked += 1
            }
        }
        #expect(checked >= 15)
    }

    @Test func rhel7ScoreOf651IsReproducedFromTheTable() throws {
        let c = try #require(PeerCases.cases("OOMAnalyser").first { $0.inputs[0].hasSuffix("example_rhel7.log") })
        let d = try #require(diagnosedEvents(c.inputs).first?.diagnosis)
        let v = try #require(d.victim)
        // rss 5157063 + nr_ptes 15483 + swapents 1527848 = 6700394 of 8186847 + 2097151 pages.
        let top = try #require(v.ranking.first)
        #expect(top.pid == 6576 && top.points == 6_700_394 && top.score == 651)
        #expect(v.explanation.contains("score 651") && v.explanation.contains("scores 651 too"))
        #expect(d.summary.contains("Node 0 Normal free 36692 kB is below min 36784 kB"))
    }

    @Test func archLinuxSixOneRecomputesTheUnprintedScore() throws {
        let c = try #require(PeerCases.cases("OOMAnalyser").first { $0.inputs[0].hasSuffix("example_archlinux_6_1_1.log") })
        let e = try #require(diagnosedEvents(c.inputs).first)
        let v = try #require(e.diagnosis?.victim)
        // §9.4: doxygen 2308581 + 5225427 + 60686336/4096 = 7548824 points of 10309773 pages, about 732.
        #expect(v.total_pages == 10_309_773)
        #expect(v.ranking.first?.pid == 473206 && v.ranking.first?.points == 7_548_824)
        #expect(v.recomputed_score == 732 && v.printed_score == nil && v.agrees == true)
        #expect(e.diagnosis?.gfp_layout?.hasPrefix("K ") == true)
    }

    // MARK: other peers

    @Test func cadvisorMemcgScoresAreExplained() throws {
        // 4.8 memcg: 5191 + 5489 + 34 + 4 = 10718 of 5120 + 5120 pages → 1046, as printed (§9.3); the task runs as
        // uid 0 in a container without CAP_SYS_ADMIN, so the 3% root bonus does not apply.
        let inputs = try #require(PeerCases.cases("cadvisor").first { $0.inputs.contains { $0.hasSuffix("stream-3a-docker-4.8-first-burst.log") } }?.inputs)
        let e = try #require(diagnosedEvents(inputs).first { $0.kill?.score == 1046 })
        let d = try #require(e.diagnosis)
        #expect(d.cause == "memcg-limit")
        let v = try #require(d.victim)
        #expect(v.total_pages == 10_240)
        #expect(v.explanation.contains("1046") && v.explanation.contains("without the root bonus"))
        #expect(d.summary.contains("used 20480 kB of its 20480 kB limit (100%), failcnt 1204"))
        #expect(d.advice.contains { $0.contains("memory.limit_in_bytes") })

        // 3.13 memcg without a Total swap line: the printed 996 tells the swap the report does not show.
        let monster = try #require(diagnosedEvents([PeerCases.root + "/cadvisor/containerOomExampleLog.txt"]).first)
        #expect(monster.diagnosis?.cause == "memcg-limit")
        #expect(monster.diagnosis?.victim?.explanation.contains("swap that the report does not show") == true)
    }

    @Test func everyPeerEventGetsACauseASummaryAndSchemaFields() throws {
        let folders = ["OOMAnalyser", "cadvisor", "gpud", "oom-messages-exporter", "oom_investigate", "parseoom",
                       "seeds", "hhvm", "node-problem-detector"]
        let causes: Set<String> = ["lowmem-exhausted", "zone-watermark", "fragmentation", "memcg-limit",
                                   "cpuset-or-mempolicy", "manual", "no-killable-process", "unknown"]
        let encoder = JSONEncoder()
        var count = 0
        for folder in folders {
            for c in PeerCases.cases(folder) {
                for e in diagnosedEvents(c.inputs, keepRaw: true) {
                    let d = try #require(e.diagnosis, "\(c.inputs[0])")
                    #expect(causes.contains(d.cause), "\(c.inputs[0])")
                    #expect(!d.summary.isEmpty, "\(c.inputs[0])")
                    if e.trigger?.gfp_mask != nil, GFPDecoder.parseMask(e.trigger?.gfp_mask) != nil {
                        #expect(e.trigger?.gfp_flags != nil, "\(c.inputs[0])")
                    }
                    let obj = try JSONSerialization.jsonObject(with: try encoder.encode(e))
                    let missing = EventSchemaTests().undeclared(obj, EventSchemaTests.schema, "$")
                    #expect(missing.isEmpty, "\(c.inputs[0]): \(Set(missing.map { $0.replacingOccurrences(of: #"\[\d+\]"#, with: "[]", options: .regularExpression) }).sorted())")
                    count += 1
                }
            }
        }
        #expect(count > 50)
    }

    @Test func rhel6BackportedFormatsDecodeWithLayoutD() throws {
        let events = diagnosedEvents(PeerCases.cases("oom_investigate").flatMap(\.inputs))
        let rhel6 = events.filter { $0.kernel.release?.hasPrefix("2.6.32") == true && $0.trigger?.gfp_mask != nil }
        #expect(!rhel6.isEmpty)
        for e in rhel6 {
            #expect(e.diagnosis?.gfp_layout?.hasPrefix("D ") == true)
            #expect(e.trigger?.gfp_flags?.first?.hasPrefix("GFP_") == true, "\(e.trigger?.gfp_mask ?? "")")
        }
    }
}
