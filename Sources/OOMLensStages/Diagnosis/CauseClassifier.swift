import OOMLensSinkAPI

/// Decides why a report happened (`diagnosis.cause`) and says it in sentences that quote the numbers.
///
/// Order of the rules: a manual kill (order −1), a kill with nothing killable, a memory-cgroup limit, a cpuset or
/// memory-policy constraint the kernel names; then the zone verdicts: every zone the allocation may use failed
/// while a higher zone it may not use has free memory (`lowmem-exhausted`), or a node it may not use has
/// (`cpuset-or-mempolicy`), or an allowed zone had the pages but not in blocks of the order (`fragmentation`), or
/// plain exhaustion (`zone-watermark`). Anything else is `unknown`, with the reason.
enum CauseClassifier {
    /// What the classifier reads.
    struct Facts {
        var event: OOMEvent
        /// The zone checks: the walk (allowed) first, then the zones the allocation may not use.
        var checks: [OOMEvent.ZoneCheck]
        var decoding: GFPDecoder.Decoding?
        var walk: ZonelistWalk?
        /// True when the report shows no usable mask and the walk assumed a GFP_KERNEL-class allocation.
        var assumedAllocation: Bool
    }

    /// The verdict.
    struct Verdict {
        var cause: String
        var sentences: [String]
        /// The node where the allocation ran short.
        var node: Int?
        var fragmented: Bool?
    }

    static func classify(_ f: Facts) -> Verdict {
        let e = f.event
        let walked = f.checks.filter { $0.allowed == true }
        var verdict = Verdict(cause: "unknown", sentences: [])
        verdict.node = walked.first { $0.verdict == "below-min" }?.node ?? walked.first { !$0.passed }?.node
        if !walked.isEmpty {
            verdict.fragmented = walked.contains { $0.verdict == "fragmented" }
        }

        if e.trigger?.order == -1 {
            verdict.cause = "manual"
            verdict.sentences = manualSentences(f)
            return verdict
        }
        if e.outcome == "no-killable-process" {
            let memory = memoryVerdict(f, walked: walked)
            verdict.cause = "no-killable-process"
            verdict.sentences = noKillableSentences(e) + memory.sentences
            return verdict
        }
        let memory = memoryVerdict(f, walked: walked)
        verdict.cause = memory.cause
        verdict.sentences = memory.sentences
        return verdict
    }

    /// The cause of the shortage itself (everything but the manual and no-victim cases).
    private static func memoryVerdict(_ f: Facts, walked: [OOMEvent.ZoneCheck]) -> (cause: String, sentences: [String]) {
        let e = f.event
        if isMemcg(e) { return ("memcg-limit", memcgSentences(e)) }
        let constrained = e.constraint == "CONSTRAINT_CPUSET" || e.constraint == "CONSTRAINT_MEMORY_POLICY"
            || e.kill_message?.hasBytePrefix("No available memory") == true
        let allocation = allocationText(f)
        var sentences: [String] = []
        if f.assumedAllocation {
            sentences.append(e.trigger?.gfp_mask == "0x0"
                ? "gfp_mask=0x0: the OOM came from the page-fault path with no allocation context; the zone "
                    + "verdicts below assume an ordinary kernel allocation (highest zone Normal)."
                : "The report shows no allocation mask; the zone verdicts below assume a kernel (GFP_KERNEL) "
                    + "allocation, whose highest zone is Normal.")
        }
        if constrained {
            sentences.insert(constraintLead(e), at: 0)
            sentences += zoneSentences(f, walked: walked, lowmem: false)
            return ("cpuset-or-mempolicy", sentences)
        }
        guard !walked.isEmpty else {
            let why = e.zones.isEmpty ? "the report has no zone lines (no Mem-Info block)"
                : "none of the zones the allocation may use is printed with free and min values"
            return ("unknown", sentences + ["The report does not show why the allocation failed: \(why)."])
        }
        let failed = walked.filter { !$0.passed }
        let classIndex = f.walk?.classIndex ?? Int.max
        let others = f.checks.filter { $0.allowed == false }
        func above(_ c: OOMEvent.ZoneCheck) -> Bool { (f.walk?.layout.index(of: c.zone) ?? 0) > classIndex }
        func hasFree(_ c: OOMEvent.ZoneCheck) -> Bool {
            c.usable_free_kb > (c.effective_min_kb ?? c.min_kb) + c.reserve_kb
        }
        let higherWithFree = others.filter { above($0) && hasFree($0) }
        let otherNodesWithFree = others.filter { !above($0) && hasFree($0) }

        guard failed.count == walked.count else {
            let ok = walked.filter(\.passed)
            var s = sentences + zoneSentences(f, walked: walked, lowmem: false)
            s.append("So \(list(ok.map(zoneName))) could have served the request at print time: the numbers are a "
                + "later snapshot, memory was freed meanwhile, or a constraint the report does not show "
                + "(cpuset, mempolicy, memcg) applied.")
            return ("unknown", s)
        }
        if !higherWithFree.isEmpty {
            let allowedNames = list(orderedUnique(walked.map(\.zone)))
            var s = ["Lowmem exhausted: the allocation (\(allocation)) may use only \(allowedNames), and every one "
                + "of them failed the watermark check, while \(list(orderedUnique(higherWithFree.map(\.zone)))) "
                + "has free memory it may not use."]
            s += sentences + zoneSentences(f, walked: walked, lowmem: f.walk?.hasHighMem == true)
            for c in higherWithFree {
                s.append("\(zoneName(c)) has \(c.free_kb) kB free but \(missingZoneFlags(f, c.zone)) may not use "
                    + "\(c.zone).")
            }
            s += lowmemUseSentences(e, zones: walked)
            return ("lowmem-exhausted", s)
        }
        if !otherNodesWithFree.isEmpty {
            var s = ["Cpuset or memory policy: the allocation (\(allocation)) may use only node(s) "
                + "\(nodeText(f.walk?.allowedNodes)), and its zones there failed, while "
                + "\(list(otherNodesWithFree.map(zoneName))) on other nodes \(otherNodesWithFree.count == 1 ? "has" : "have") "
                + "free memory."]
            s += sentences + zoneSentences(f, walked: walked, lowmem: false)
            return ("cpuset-or-mempolicy", s)
        }
        let fragmented = walked.filter { $0.verdict == "fragmented" }
        let order = e.trigger?.order ?? 0
        if !fragmented.isEmpty {
            let block = (e.zones.lazy.compactMap { $0.buddy?.page_kb }.first ?? 4) << Int64(max(0, order))
            var s = ["Fragmentation: the allocation (\(allocation)) needs a free block of order \(order) "
                + "(\(block) kB contiguous); \(list(fragmented.map(zoneName))) \(fragmented.count == 1 ? "has" : "have") "
                + "enough free pages, but not in blocks that large."]
            if order > 3 { s.append(costlySentence(order)) }
            s += sentences + zoneSentences(f, walked: walked, lowmem: false)
            return ("fragmentation", s)
        }
        var s = ["Memory exhausted: every zone the allocation (\(allocation)) may use failed its watermark check."]
        if order > 3 { s.append(costlySentence(order)) }
        s += sentences + zoneSentences(f, walked: walked, lowmem: false)
        return ("zone-watermark", s)
    }

    /// What fills the failed lowmem zones, where the zone lines tell: memory no zone counter accounts for
    /// (kernel allocations outside the LRU, slab, stack and page-table counters) when it is a large part.
    private static func lowmemUseSentences(_ e: OOMEvent, zones: [OOMEvent.ZoneCheck]) -> [String] {
        var out: [String] = []
        // The small DMA zone always holds some early boot allocations: only the large zones tell.
        for c in zones where c.zone != "DMA" {
            guard let zone = e.zones.first(where: { $0.zone == c.zone && $0.node == c.node }),
                  let size = zone.managed_kb ?? zone.present_kb, size > 0,
                  let unexplained = MemoryAccounting.zoneUnexplainedKB(zone), unexplained * 4 > size
            else { continue }
            let slab = (zone.fields_kb["slab_reclaimable"] ?? 0) + (zone.fields_kb["slab_unreclaimable"] ?? 0)
            out.append("\(zoneName(c)) holds \(unexplained) kB (\(unexplained * 100 / size)% of its \(size) kB) that "
                + "none of its counters accounts for (LRU, \(slab) kB slab, kernel stacks, page tables): kernel "
                + "allocations outside those counters (drivers, vmalloc, network buffers) took the lowmem.")
        }
        return out
    }

    /// True for a memory-cgroup OOM.
    static func isMemcg(_ e: OOMEvent) -> Bool {
        e.constraint == "CONSTRAINT_MEMCG" || e.memcg?.usage_kb != nil || e.memcg?.oom_cgroup != nil
            || e.kill_message?.hasBytePrefix("Memory cgroup") == true
    }

    /// `GFP_KERNEL | __GFP_ZERO, order 0`, or the assumption.
    private static func allocationText(_ f: Facts) -> String {
        let order = f.event.trigger?.order.map { "order \($0)" } ?? "order unknown"
        guard let d = f.decoding, !f.assumedAllocation else { return "assumed GFP_KERNEL, \(order)" }
        return "\(d.text), \(order)"
    }

    /// `the allocation (no __GFP_HIGHMEM)`: why the allocation may not use a higher zone.
    private static func missingZoneFlags(_ f: Facts, _ zone: String) -> String {
        guard let d = f.decoding, !f.assumedAllocation else { return "a lowmem (GFP_KERNEL) allocation" }
        switch zone {
        case "HighMem": return d.has("__GFP_HIGHMEM") ? "the allocation" : "the allocation (no __GFP_HIGHMEM)"
        case "Movable": return "the allocation (not both __GFP_HIGHMEM and __GFP_MOVABLE)"
        default: return "the allocation (\(d.text))"
        }
    }

    /// `Node 0 Normal` or `Normal`.
    static func zoneName(_ c: OOMEvent.ZoneCheck) -> String {
        (c.node.map { "Node \($0) " } ?? "") + c.zone
    }

    /// One sentence per checked zone of the walk, in walk order.
    private static func zoneSentences(_ f: Facts, walked: [OOMEvent.ZoneCheck], lowmem: Bool) -> [String] {
        var out: [String] = []
        var anyFailed = false
        for c in walked {
            var name = zoneName(c)
            if lowmem && !anyFailed && c.zone != "HighMem" && c.zone != "Movable" { name += " (lowmem)" }
            let minText = c.effective_min_kb.map { "\($0) kB (min \(c.min_kb) kB lowered for the allocation's flags)" }
                ?? "\(c.min_kb) kB"
            let reserve = c.reserve_kb > 0 ? " + lowmem_reserve \(c.reserve_pages ?? 0) pages (\(c.reserve_kb) kB)" : ""
            let usable = c.usable_free_kb != c.free_kb ? " (\(c.usable_free_kb) kB usable for this request)" : ""
            let unreclaimable = c.all_unreclaimable == true ? " (all_unreclaimable: reclaim had given up on it)" : ""
            switch c.verdict {
            case "below-min":
                out.append(anyFailed
                    ? "\(name) cannot serve it either: \(c.free_kb) kB free\(usable) is below min \(minText)\(reserve)\(unreclaimable)."
                    : "\(name) free \(c.free_kb) kB\(usable) is below min \(minText)\(reserve)\(unreclaimable).")
            case "below-reserve":
                out.append("\(name)\(anyFailed ? " cannot serve it either" : " fails"): \(c.free_kb) kB free\(usable) "
                    + "is below min \(minText)\(reserve), kept back for allocations that could have used "
                    + "\(c.classzone ?? "a higher zone")\(unreclaimable).")
            case "below-high":
                out.append("\(name) free \(c.free_kb) kB passed min \(minText)\(reserve) but not high "
                    + "\(c.high_kb ?? 0) kB\(reserve): it failed the last attempt before the kill, which checks the "
                    + "high watermark (it was probably below min a moment earlier).")
            case "fragmented":
                out.append("\(name) has \(c.free_kb) kB free, above min \(minText)\(reserve), but only "
                    + "\(c.free_at_order_kb ?? 0) kB of it in free blocks of order \(c.order ?? 0) or larger"
                    + " usable by this allocation.")
            default:
                out.append("\(name) free \(c.free_kb) kB is above high \(c.high_kb ?? 0) kB\(reserve): it looked able "
                    + "to serve the request when the numbers were printed.")
            }
            if !c.passed { anyFailed = true }
        }
        return out
    }

    private static func costlySentence(_ order: Int) -> String {
        "Order \(order) is above PAGE_ALLOC_COSTLY_ORDER (3): the kernel does not invoke the OOM killer for such "
            + "requests and fails them instead, so the caller should be able to fall back to smaller blocks."
    }

    private static func manualSentences(_ f: Facts) -> [String] {
        let e = f.event
        var s = ["Manual OOM kill: order -1 means no allocation failed; someone asked the kernel to kill the task "
            + "with the highest badness (SysRq-f, or echo f > /proc/sysrq-trigger)"
            + (e.trigger?.comm?.hasBytePrefix("kworker") == true ? ", run by the \(e.trigger!.comm!) worker." : ".")]
        let free = e.zones.compactMap(\.free_kb).reduce(0, +)
        if !e.zones.isEmpty {
            let ram = MemoryAccounting.ramKB(e, pageKB: e.zones.first?.buddy?.page_kb ?? 4)
            s.append("At that moment \(free) kB was free" + (ram.map { " of \($0) kB RAM" } ?? "") + ".")
        }
        return s
    }

    private static func noKillableSentences(_ e: OOMEvent) -> [String] {
        let protected = e.tasks.filter { $0.oom_score_adj == -1000 || $0.oom_adj == -17 }.count
        var s = "No killable process: the OOM killer found no task it may kill"
        if !e.tasks.isEmpty {
            s += " (\(protected) of the \(e.tasks.count) listed tasks have oom_score_adj -1000; the others were exiting, "
                + "already victims, or outside the constraint)"
        }
        return [s + "."]
    }

    private static func memcgSentences(_ e: OOMEvent) -> [String] {
        guard let m = e.memcg else {
            return ["Memory cgroup limit: the kernel reports \(e.constraint ?? "a memcg OOM")"
                + (e.victim?.cgroup.map { " for \($0)" } ?? "") + ", but the report shows no usage figures."]
        }
        let cgroup = m.oom_cgroup ?? m.task_cgroup ?? "the cgroup"
        var s: [String] = []
        if let usage = m.usage_kb, let limit = m.limit_kb {
            let percent = limit > 0 ? Int((Double(usage) / Double(limit) * 100).rounded()) : 0
            s.append("Memory cgroup limit: \(cgroup) used \(usage) kB of its \(limit) kB limit (\(percent)%)"
                + (m.failcnt.map { ", failcnt \($0)" } ?? "") + ": the OOM was local to the cgroup, not a shortage of "
                + "the machine's RAM.")
        } else {
            s.append("Memory cgroup limit: \(cgroup) hit its limit.")
        }
        if let memsw = m.memsw {
            s.append(VictimScoring.isUnlimited(memsw.limit_kb)
                ? "memory+swap: usage \(memsw.usage_kb) kB, no limit."
                : "memory+swap: usage \(memsw.usage_kb) kB of limit \(memsw.limit_kb) kB, failcnt \(memsw.failcnt).")
        }
        if let swap = m.swap {
            if swap.limit_kb == 0 {
                s.append("swap: usage \(swap.usage_kb) kB, limit 0 kB: the cgroup may not swap.")
            } else {
                s.append("swap: usage \(swap.usage_kb) kB, "
                    + (VictimScoring.isUnlimited(swap.limit_kb) ? "no limit." : "limit \(swap.limit_kb) kB."))
            }
        }
        if let kmem = m.kmem, !VictimScoring.isUnlimited(kmem.limit_kb) {
            s.append("kmem: usage \(kmem.usage_kb) kB of limit \(kmem.limit_kb) kB, failcnt \(kmem.failcnt).")
        }
        if let task = m.task_cgroup, task != cgroup { s.append("The victim was in \(task).") }
        return s
    }

    private static func constraintLead(_ e: OOMEvent) -> String {
        let t = e.trigger
        var s = "Cpuset or memory policy: "
        if let msg = e.kill_message, msg.hasBytePrefix("No available memory") {
            s += "the kernel reports \"\(msg)\""
        } else {
            s += "the kernel reports \(e.constraint ?? "a constraint")"
        }
        var parts: [String] = []
        if let cpuset = t?.cpuset { parts.append("cpuset \(cpuset)") }
        if let mems = t?.mems_allowed { parts.append("mems_allowed \(mems)") }
        if let mask = t?.nodemask, mask != "(null)" { parts.append("nodemask \(mask)") }
        if !parts.isEmpty { s += " (\(parts.joined(separator: ", ")))" }
        return s + ": the task may allocate only on some nodes, and those ran out."
    }

    private static func nodeText(_ nodes: Set<Int>?) -> String {
        nodes.map { $0.sorted().map(String.init).joined(separator: ",") } ?? "?"
    }

    /// `A`, `A and B`, `A, B and C`.
    static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return "none"
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + items.last!
        }
    }

    private static func orderedUnique(_ items: [String]) -> [String] {
        var seen: [String] = []
        for i in items where !seen.contains(i) { seen.append(i) }
        return seen
    }
}
