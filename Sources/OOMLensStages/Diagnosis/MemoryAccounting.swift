import OOMLensSinkAPI

/// Where the memory went: RAM (or a memory cgroup's usage) split into parts that do not overlap, the remainder
/// nobody accounts for, and the largest consumers per process and per name.
///
/// The sum of the task table's RSS is not "used memory": it counts file pages mapped by processes (which are
/// page cache) and leaves out slab, page tables, kernel stacks, shmem nobody maps and huge page pools. So RAM is
/// split by the Mem-Info counters instead (all in pages, converted with the page size):
///
/// - reserved at boot = RAM − managed pages; free = `free` + `free_pcp`
/// - anonymous = anon LRU (`active_anon` + `inactive_anon` + `isolated_anon`) − `shmem` − swap cache, which the
///   anon LRU also holds; page cache = file LRU; plus `shmem`, swap cache, `unevictable`
/// - slab (reclaimable and not), `pagetables`, kernel stacks (zone or node lines), huge page pools
///
/// and `unexplained_kb` = RAM − the sum: memory taken by drivers, vmalloc, the GPU, ballooning and the like.
enum MemoryAccounting {
    /// Byte-valued memory.stat keys (cgroup v2 and 5.3+ v1) summed as other kernel memory.
    private static let memcgKernelOther = ["percpu", "sock", "vmalloc"]

    /// A Mem-Info counter by name, case-insensitively (2.6.28–2.6.31 print `Active_anon`).
    static func counter(_ event: OOMEvent, _ name: String) -> Int64? {
        guard let m = event.meminfo else { return nil }
        if let v = m[name] { return v }
        return m.first { $0.key.lowercased() == name }?.value
    }

    /// The pages the allocator manages (`totalram_pages`): the zones' managed pages, or RAM minus reserved pages
    /// where zones are missing from the report (6.1+ leaves out zones above the allocation's highest zone).
    static func managedPages(_ event: OOMEvent, pageKB: Int64) -> Int64? {
        let populated = event.zones.filter { ($0.present_kb ?? 1) > 0 && $0.buddy?.empty != true }
        let zoneManaged: Int64? = populated.isEmpty || populated.contains { $0.managed_kb == nil } ? nil
            : populated.reduce(Int64(0)) { $0 + $1.managed_kb! } / pageKB
        var ramMinusReserved: Int64?
        if let ram = event.pages?["ram"] { ramMinusReserved = ram - (event.pages?["reserved"] ?? 0) }
        let filtersZones = KernelVersion.parse(event.kernel.release).map { $0 >= KernelVersion(6, 1) }
            ?? (event.kernel.era == "5.1+" || event.kernel.era == "6.11+")
        switch (zoneManaged, ramMinusReserved) {
        case let (zones?, ram?): return filtersZones ? max(zones, ram) : zones
        case let (zones?, nil): return zones
        case let (nil, ram?): return ram
        default:
            let present = populated.compactMap(\.present_kb).reduce(0, +)
            return present > 0 ? present / pageKB : nil
        }
    }

    /// RAM in kB: `N pages RAM`, else the zones' present memory.
    static func ramKB(_ event: OOMEvent, pageKB: Int64) -> Int64? {
        if let ram = event.pages?["ram"], ram > 0 { return ram * pageKB }
        let present = event.zones.compactMap(\.present_kb).reduce(0, +)
        return present > 0 ? present : nil
    }

    /// The accounting of a report, nil when it has neither Mem-Info counters nor memory-cgroup figures.
    static func account(_ event: OOMEvent, pageKB: Int64) -> OOMEvent.Accounting? {
        if let memcg = event.memcg, let usage = memcg.usage_kb {
            return accountMemcg(memcg, usage: usage, event: event, pageKB: pageKB)
        }
        return accountSystem(event, pageKB: pageKB)
    }

    private static func accountSystem(_ event: OOMEvent, pageKB p: Int64) -> OOMEvent.Accounting? {
        guard event.meminfo != nil, let ram = ramKB(event, pageKB: p) else { return nil }
        var a = OOMEvent.Accounting(scope: "system", total_kb: ram)
        func kb(_ name: String) -> Int64? { counter(event, name).map { $0 * p } }
        if let managed = managedPages(event, pageKB: p) {
            a.reserved_kb = max(0, ram - managed * p)
        } else if let reserved = event.pages?["reserved"] {
            a.reserved_kb = reserved * p
        }
        if let free = kb("free") {
            a.free_kb = free + (kb("free_pcp") ?? 0)
        } else if !event.zones.isEmpty {
            a.free_kb = event.zones.compactMap(\.free_kb).reduce(0, +)
        }
        a.shmem_kb = kb("shmem")
        a.swap_cache_kb = event.swap?.cache_pages.map { $0 * p } ?? event.pages?["swap_cached"].map { $0 * p }
        if let active = kb("active_anon"), let inactive = kb("inactive_anon") {
            let anonLRU = active + inactive + (kb("isolated_anon") ?? 0)
            a.anon_kb = max(0, anonLRU - (a.shmem_kb ?? 0) - (a.swap_cache_kb ?? 0))
            a.page_cache_kb = (kb("active_file") ?? 0) + (kb("inactive_file") ?? 0) + (kb("isolated_file") ?? 0)
        } else if let active = kb("active"), let inactive = kb("inactive") {
            // 2.6.18–2.6.27 do not split the LRU into anon and file.
            a.lru_kb = active + inactive
            a.shmem_kb = nil
        }
        a.unevictable_kb = kb("unevictable")
        if let reclaimable = kb("slab_reclaimable") {
            a.slab_reclaimable_kb = reclaimable
            a.slab_unreclaimable_kb = kb("slab_unreclaimable")
        } else {
            a.slab_unreclaimable_kb = kb("slab") ?? event.pages?["slab"].map { $0 * p }
        }
        a.page_tables_kb = kb("pagetables") ?? event.pages?["pagetables"].map { $0 * p }
        let zoneStacks = event.zones.compactMap { $0.fields_kb["kernel_stack"] }
        let nodeStacks = (event.nodes ?? []).compactMap { $0.fields_kb["kernel_stack"] }
        if !zoneStacks.isEmpty || !nodeStacks.isEmpty { a.kernel_stack_kb = zoneStacks.reduce(0, +) + nodeStacks.reduce(0, +) }
        if let pools = event.hugepages, !pools.isEmpty {
            a.hugepages_kb = pools.reduce(Int64(0)) { $0 + ($1.total ?? 0) * ($1.size_kb ?? 0) }
        }
        addTasksAndSwap(&a, event: event, pageKB: p)
        a.explained_kb = [a.reserved_kb, a.free_kb, a.anon_kb, a.page_cache_kb, a.shmem_kb, a.swap_cache_kb,
                          a.unevictable_kb, a.lru_kb, a.slab_reclaimable_kb, a.slab_unreclaimable_kb,
                          a.page_tables_kb, a.kernel_stack_kb, a.hugepages_kb].compactMap { $0 }.reduce(0, +)
        return a
    }

    private static func accountMemcg(_ memcg: OOMEvent.Memcg, usage: Int64, event: OOMEvent,
                                     pageKB p: Int64) -> OOMEvent.Accounting {
        var a = OOMEvent.Accounting(scope: "memcg", total_kb: usage)
        a.limit_kb = memcg.limit_kb
        let stats = memcg.stats ?? [:]
        if stats["anon"] != nil || stats["file"] != nil {
            // memory.stat (5.3+): bytes. `file` includes shmem; `kernel` (6.x) would double-count the parts.
            func kb(_ key: String) -> Int64? { stats[key].map { $0 / 1024 } }
            a.anon_kb = kb("anon")
            a.shmem_kb = kb("shmem")
            a.page_cache_kb = kb("file").map { max(0, $0 - (a.shmem_kb ?? 0)) }
            a.kernel_stack_kb = kb("kernel_stack")
            a.page_tables_kb = kb("pagetables").map { $0 + (kb("sec_pagetables") ?? 0) }
            if let r = kb("slab_reclaimable") {
                a.slab_reclaimable_kb = r
                a.slab_unreclaimable_kb = kb("slab_unreclaimable")
            } else {
                a.slab_unreclaimable_kb = kb("slab")
            }
            let other = memcgKernelOther.compactMap(kb)
            if !other.isEmpty { a.kernel_other_kb = other.reduce(0, +) }
        } else if stats["rss_kb"] != nil || stats["cache_kb"] != nil {
            // The one-line v1 form (3.9–5.2), kB; `rss` includes transparent huge pages, `cache` includes shmem.
            a.anon_kb = stats["rss_kb"]
            a.shmem_kb = stats["shmem_kb"]
            a.page_cache_kb = stats["cache_kb"].map { max(0, $0 - (a.shmem_kb ?? 0)) }
            if let kmem = memcg.kmem, kmem.usage_kb > 0 { a.kernel_other_kb = kmem.usage_kb }
        }
        addTasksAndSwap(&a, event: event, pageKB: p)
        a.explained_kb = [a.anon_kb, a.page_cache_kb, a.shmem_kb, a.slab_reclaimable_kb, a.slab_unreclaimable_kb,
                          a.page_tables_kb, a.kernel_stack_kb, a.kernel_other_kb].compactMap { $0 }.reduce(0, +)
        return a
    }

    /// The task table's RSS sum and the swap figures (used = total − free − swap cache, as OOMAnalyser counts).
    private static func addTasksAndSwap(_ a: inout OOMEvent.Accounting, event: OOMEvent, pageKB p: Int64) {
        let rss = event.tasks.compactMap(\.rss_pages)
        if !rss.isEmpty { a.rss_sum_kb = rss.reduce(0, +) * p }
        if let total = event.swap?.total_kb {
            a.swap_total_kb = total
            if let free = event.swap?.free_kb {
                a.swap_used_kb = max(0, total - free - (event.swap?.cache_pages ?? 0) * p)
            }
        }
    }

    /// The remainder nobody accounts for; nil when the report has too few counters to tell (fewer than the
    /// free and anonymous or LRU figures).
    static func unexplained(_ a: OOMEvent.Accounting) -> Int64? {
        switch a.scope {
        case "memcg":
            guard a.anon_kb != nil else { return nil }
        default:
            guard a.free_kb != nil, a.anon_kb != nil || a.lru_kb != nil else { return nil }
        }
        return a.total_kb - a.explained_kb
    }

    /// The largest consumers per process and per name (rows of the same name summed), largest RSS first.
    static func topConsumers(_ event: OOMEvent, pageKB p: Int64, limit: Int)
        -> (byProcess: [OOMEvent.Consumer], byName: [OOMEvent.Consumer])
    {
        guard limit > 0, !event.tasks.isEmpty else { return ([], []) }
        let ram = ramKB(event, pageKB: p)
        let cgroupLimit = event.memcg?.limit_kb.flatMap { $0 > 0 && $0 < 8_589_934_588 ? $0 : nil }
        func finish(_ c: inout OOMEvent.Consumer) {
            if event.memcg == nil || event.meminfo != nil, let ram { c.share_of_ram = share(c.rss_kb, ram) }
            if let cgroupLimit { c.share_of_limit = share(c.rss_kb, cgroupLimit) }
        }
        // Rows and per-name sums are added up as plain integers; consumers (a sink-API type, costly to copy
        // across the module boundary) are made only for the entries shown.
        let tasks = event.tasks
        var rows: [(rss: Int64, swap: Int64?)] = []
        rows.reserveCapacity(tasks.count)
        var sums: [(name: String, rss: Int64, swap: Int64?, processes: Int)] = []
        var sumIndex: [String: Int] = [:]
        for t in tasks {
            let rss = (t.rss_pages ?? 0) * p
            let swap = t.swapents.map { $0 * p }
            rows.append((rss, swap))
            if let i = sumIndex[t.name] {
                sums[i].rss += rss
                if let swap { sums[i].swap = (sums[i].swap ?? 0) + swap }
                sums[i].processes += 1
            } else {
                sumIndex[t.name] = sums.count
                sums.append((t.name, rss, swap, 1))
            }
        }
        // Largest RSS first; swap breaks ties, then table order.
        func top(_ keys: [(rss: Int64, swap: Int64?)]) -> [Int] {
            keys.indices.sorted { a, b in
                if keys[a].rss != keys[b].rss { return keys[a].rss > keys[b].rss }
                let swapA = keys[a].swap ?? 0
                let swapB = keys[b].swap ?? 0
                if swapA != swapB { return swapA > swapB }
                return a < b
            }.prefix(limit).map { $0 }
        }
        let topProcesses = top(rows).map { i -> OOMEvent.Consumer in
            var c = OOMEvent.Consumer(name: tasks[i].name, pid: tasks[i].pid, rss_kb: rows[i].rss)
            c.swap_kb = rows[i].swap
            finish(&c)
            return c
        }
        let topNames = top(sums.map { ($0.rss, $0.swap) }).map { i -> OOMEvent.Consumer in
            var c = OOMEvent.Consumer(name: sums[i].name, pid: nil, rss_kb: sums[i].rss)
            c.swap_kb = sums[i].swap
            c.processes = sums[i].processes
            finish(&c)
            return c
        }
        return (topProcesses, topNames)
    }

    /// `part / whole`, rounded to 4 places.
    static func share(_ part: Int64, _ whole: Int64) -> Double {
        guard whole > 0 else { return 0 }
        return (Double(part) / Double(whole) * 10_000).rounded() / 10_000
    }

    /// The accounting in two sentences: where RAM (or the cgroup's usage) went, and the largest consumer.
    static func sentences(_ a: OOMEvent.Accounting, consumers: [OOMEvent.Consumer]) -> [String] {
        var parts: [String] = []
        func add(_ value: Int64?, _ what: String) {
            if let value, value > 0 { parts.append("\(value) kB \(what)") }
        }
        add(a.anon_kb, "anonymous")
        add(a.lru_kb, "on the LRU lists")
        add(a.page_cache_kb, "page cache")
        add(a.shmem_kb, "shmem/tmpfs")
        add(a.swap_cache_kb, "swap cache")
        add(a.unevictable_kb, "unevictable")
        let slab = (a.slab_reclaimable_kb ?? 0) + (a.slab_unreclaimable_kb ?? 0)
        add(slab, a.slab_unreclaimable_kb != nil ? "slab (\(a.slab_unreclaimable_kb!) kB unreclaimable)" : "slab")
        add(a.page_tables_kb, "page tables")
        add(a.kernel_stack_kb, "kernel stacks")
        add(a.kernel_other_kb, "other kernel memory")
        add(a.hugepages_kb, "huge page pools")
        add(a.free_kb, "free")
        add(a.reserved_kb, "reserved at boot")
        var out: [String] = []
        let whole = a.scope == "memcg" ? "Of the cgroup's usage \(a.total_kb) kB" : "Of \(a.total_kb) kB RAM"
        if !parts.isEmpty {
            var s = "\(whole): " + parts.joined(separator: ", ")
            if let unexplained = unexplained(a) {
                s += unexplained >= 0 ? "; \(unexplained) kB unexplained" : "; the parts exceed the total by "
                    + "\(-unexplained) kB (the counters are separate snapshots)"
            }
            if let rss = a.rss_sum_kb { s += " (the task table's RSS adds up to \(rss) kB, overlapping page cache)" }
            out.append(s + ".")
        }
        if let total = a.swap_total_kb, total > 0 {
            out.append("Swap: \(a.swap_used_kb.map { "\($0) kB" } ?? "?") used of \(total) kB.")
        } else if a.swap_total_kb == 0 {
            out.append("No swap.")
        }
        if let top = consumers.first {
            var s = "Largest consumer: \(top.name) (pid \(top.pid.map(String.init) ?? "?")) with \(top.rss_kb) kB RSS"
            if let share = top.share_of_ram { s += " (\(percentText(share)) of RAM)" }
            if let share = top.share_of_limit { s += " (\(percentText(share)) of the cgroup limit)" }
            if let swap = top.swap_kb, swap > 0 { s += " and \(swap) kB in swap" }
            out.append(s + ".")
        }
        return out
    }

    /// The zone-line counters of memory in use (kB): LRU lists, slab, kernel stacks, page tables, bounce buffers
    /// and per-CPU free lists.
    private static let zoneUsedFields = [
        "active_anon", "inactive_anon", "active_file", "inactive_file", "unevictable", "isolated(anon)",
        "isolated(file)", "active", "inactive", "slab_reclaimable", "slab_unreclaimable", "kernel_stack",
        "pagetables", "bounce", "writeback_tmp", "free_pcp",
    ]

    /// Memory of one zone in use that none of its line's counters accounts for: managed (or present) minus
    /// free minus the LRU, slab, stack and page-table counters. Nil when the line lacks the LRU counters
    /// (from 4.8 they are per node, not per zone, except the LRU split some kernels still print).
    static func zoneUnexplainedKB(_ zone: OOMEvent.Zone) -> Int64? {
        guard let size = zone.managed_kb ?? zone.present_kb, let free = zone.free_kb,
              zone.fields_kb["active_anon"] != nil || zone.fields_kb["active"] != nil,
              zone.fields_kb["slab_reclaimable"] != nil || zone.fields_kb["slab_unreclaimable"] != nil
                || zone.fields_kb["active"] != nil
        else { return nil }
        let used = zoneUsedFields.compactMap { zone.fields_kb[$0] }.reduce(0, +)
        return size - free - used
    }

    /// `56%`, or one decimal below 10 % (`0.2%`).
    static func percentText(_ share: Double) -> String {
        let p = share * 100
        return p >= 9.95 ? "\(Int(p.rounded()))%" : "\((p * 10).rounded() / 10)%"
    }
}
