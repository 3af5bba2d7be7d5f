import OOMLensSinkAPI

/// Rule-based advice for one diagnosed report: each piece names the setting to change and why it applies to
/// this report, with its numbers.
enum AdviceRules {
    /// What the rules read.
    struct Facts {
        var event: OOMEvent
        var cause: String
        var checks: [OOMEvent.ZoneCheck]
        var accounting: OOMEvent.Accounting?
        var consumers: [OOMEvent.Consumer]
        var decoding: GFPDecoder.Decoding?
        var victim: OOMEvent.VictimAnalysis?
        var pageKB: Int64
    }

    /// Names of services a user usually wants to survive an OOM kill.
    private static let services = [
        "sshd", "systemd", "systemd-journal", "dbus-daemon", "postgres", "mysqld", "mariadbd", "redis-server",
        "nginx", "apache2", "httpd", "dockerd", "containerd", "kubelet", "rsyslogd", "mongod", "java",
    ]

    static func advice(_ f: Facts) -> [String] {
        var out: [String] = []
        switch f.cause {
        case "lowmem-exhausted": out += lowmem(f)
        case "zone-watermark": out += exhaustion(f)
        case "fragmentation": out += fragmentation(f)
        case "memcg-limit": out += memcg(f)
        case "cpuset-or-mempolicy": out += constraint(f)
        case "manual":
            out.append("This kill was asked for by hand (SysRq-f or /proc/sysrq-trigger), not forced by a shortage: "
                + "find who sent it; kernel.sysrq decides which SysRq functions are allowed (bit 64 enables "
                + "signalling processes, which includes this one).")
        case "no-killable-process":
            out.append("Nothing could be killed: lower oom_score_adj from -1000 (systemd OOMScoreAdjust=) for tasks "
                + "that may die, otherwise the kernel can only hang or panic on the next shortage.")
            out += exhaustion(f)
        default:
            break
        }
        out += victimAdvice(f)
        if f.event.outcome == "panic-on-oom" {
            out.append("vm.panic_on_oom is set, so this OOM panicked the machine instead of killing one task: set it "
                + "to 0 if the machine should keep running.")
        }
        var seen = Set<String>()
        return out.filter { seen.insert($0).inserted }
    }

    private static func lowmem(_ f: Facts) -> [String] {
        var out: [String] = []
        let highFree = f.checks.filter { $0.allowed == false && ($0.zone == "HighMem" || $0.zone == "Movable") }
            .map(\.free_kb).reduce(0, +)
        let ram = MemoryAccounting.ramKB(f.event, pageKB: f.pageKB)
        out.append("Run a 64-bit kernel" + (ram.map { " on this machine's \($0) kB of RAM" } ?? "") + ": a 32-bit "
            + "kernel serves kernel allocations such as this one only from lowmem (below about 896 MB), so the "
            + "\(highFree) kB free in HighMem could not help.")
        if let normal = f.event.zones.first(where: { $0.zone == "Normal" }),
           let reserve = normal.lowmem_reserve_pages?.max(), reserve > 0
        {
            out.append("vm.lowmem_reserve_ratio: Normal keeps \(reserve) pages (\(reserve * f.pageKB) kB) back from "
                + "allocations that could use HighMem; a smaller ratio for Normal keeps more lowmem for kernel "
                + "allocations like this one, at the cost of user memory in lowmem.")
        }
        for zone in f.event.zones where zone.zone == "Normal" {
            if let hidden = MemoryAccounting.zoneUnexplainedKB(zone), let size = zone.managed_kb ?? zone.present_kb,
               hidden * 4 > size
            {
                out.append("\(hidden) kB of \(zone.node.map { "node \($0) " } ?? "")Normal is used by kernel "
                    + "allocations no counter of the report shows: look at /proc/vmallocinfo, driver and network "
                    + "buffer use (slabtop does not list them) before the next OOM; that, not the processes, is "
                    + "what filled lowmem.")
            }
        }
        let lowmemZones = f.event.zones.filter { $0.zone == "Normal" || $0.zone == "DMA" }
        let slab = lowmemZones.reduce(Int64(0)) {
            $0 + ($1.fields_kb["slab_reclaimable"] ?? 0) + ($1.fields_kb["slab_unreclaimable"] ?? 0)
        }
        let lowmemSize = lowmemZones.reduce(Int64(0)) { $0 + ($1.managed_kb ?? $1.present_kb ?? 0) }
        if slab > 0, lowmemSize > 0, slab * 100 / lowmemSize >= 2 {
            out.append("Slab holds \(slab) kB of lowmem (\(slab * 100 / lowmemSize)% of it) and slab always lives "
                + "in lowmem: find the cache with slabtop or /proc/slabinfo; vm.vfs_cache_pressure above 100 "
                + "reclaims dentry and inode caches sooner.")
        }
        return out
    }

    private static func exhaustion(_ f: Facts) -> [String] {
        var out: [String] = []
        guard let a = f.accounting else { return out }
        let ram = a.total_kb
        if a.scope == "system", let total = a.swap_total_kb {
            if total == 0, let anon = a.anon_kb, anon > 0 {
                out.append("Add swap (Total swap = 0 kB): \(anon) kB of anonymous memory had nowhere to go, so "
                    + "reclaim could only drop page cache (\(a.page_cache_kb ?? 0) kB left).")
            } else if total > 0, let used = a.swap_used_kb, used * 10 >= total * 9 {
                out.append("Swap is full (\(used) of \(total) kB used): add RAM or swap, or run less at once; "
                    + "vm.swappiness does not help once swap is exhausted.")
            }
        }
        if let top = f.consumers.first, let share = top.share_of_ram, share >= 0.3 {
            out.append("\(top.name) (pid \(top.pid.map(String.init) ?? "?")) held \(top.rss_kb) kB, "
                + "\(MemoryAccounting.percentText(share)) of RAM: give it a memory limit (systemd MemoryMax=, cgroup memory.max) so that "
                + "it, not the whole machine, runs out.")
        }
        if a.scope == "system", ram > 0 {
            if let unexplained = MemoryAccounting.unexplained(a), unexplained * 10 > ram {
                out.append("\(unexplained) kB (\(unexplained * 100 / ram)% of RAM) is not explained by processes, "
                    + "caches, slab or page tables: look at drivers, vmalloc (/proc/vmallocinfo), GPU or balloon memory.")
            }
            if let huge = a.hugepages_kb, huge * 10 > ram {
                out.append("vm.nr_hugepages keeps \(huge) kB in huge page pools that ordinary allocations cannot "
                    + "use: shrink the pool if its pages are idle (HugePages_Free).")
            }
            if let slab = a.slab_unreclaimable_kb, slab * 10 > ram {
                out.append("Unreclaimable slab takes \(slab) kB (\(slab * 100 / ram)% of RAM): look for the growing "
                    + "cache in the report's 'Unreclaimable slab info' list or with slabtop.")
            }
            if let shmem = a.shmem_kb, shmem * 10 > ram {
                out.append("shmem/tmpfs holds \(shmem) kB (\(shmem * 100 / ram)% of RAM), which only swap can free: "
                    + "remove files from tmpfs (/dev/shm, /run, /tmp) or cap their size= mount option.")
            }
        }
        return out
    }

    private static func fragmentation(_ f: Facts) -> [String] {
        let order = f.event.trigger?.order ?? 0
        var out: [String] = []
        let normal = f.checks.first { $0.allowed == true && $0.verdict == "fragmented" }
        out.append("Raise vm.min_free_kbytes"
            + (normal.map { " (\($0.zone) min is now \($0.min_kb) kB)" } ?? "")
            + ": kswapd and compaction then start earlier and keep blocks of order \(order) free.")
        out.append("Compact memory: echo 1 > /proc/sys/vm/compact_memory now; vm.compaction_proactiveness (5.9+) "
            + "or a lower vm.extfrag_threshold keep compacting in the background.")
        if order > 3 {
            out.append("Order \(order) is a costly allocation: the code making it should use kvmalloc()/vmalloc or "
                + "smaller blocks; the kernel will fail it rather than kill for it.")
        }
        return out
    }

    private static func memcg(_ f: Facts) -> [String] {
        guard let m = f.event.memcg else { return [] }
        var out: [String] = []
        let cgroup = m.oom_cgroup ?? m.task_cgroup ?? "the cgroup"
        let v2 = m.swap != nil
        var text = "Raise the memory limit of \(cgroup) (" + (v2 ? "memory.max" : "memory.limit_in_bytes")
            + "; systemd MemoryMax=, docker --memory)"
        if let usage = m.usage_kb { text += " above its usage \(usage) kB" }
        if let top = f.consumers.first {
            text += ", or shrink what runs in it: \(top.name) (pid \(top.pid.map(String.init) ?? "?")) uses \(top.rss_kb) kB"
            if let share = top.share_of_limit { text += " (\(MemoryAccounting.percentText(share)) of the limit)" }
        }
        out.append(text + ".")
        if let swap = m.swap, swap.limit_kb == 0, let anon = f.accounting?.anon_kb, anon > 0 {
            out.append("The cgroup may not swap (swap limit 0 kB): memory.swap.max above 0 lets \(anon) kB of "
                + "anonymous memory page out cold parts instead of being killed.")
        }
        if let memsw = m.memsw, !VictimScoring.isUnlimited(memsw.limit_kb), memsw.usage_kb >= memsw.limit_kb {
            out.append("memory+swap is at its limit too (memory.memsw.limit_in_bytes \(memsw.limit_kb) kB): raise "
                + "both limits together.")
        }
        return out
    }

    private static func constraint(_ f: Facts) -> [String] {
        let t = f.event.trigger
        let free = f.checks.filter { $0.allowed == false && $0.usable_free_kb > $0.min_kb }
        var text = "Widen the nodes the task may use: cpuset.mems"
            + (t?.cpuset.map { " of cpuset \($0)" } ?? "") + " or its memory policy (numactl --membind, set_mempolicy)"
        if let mems = t?.mems_allowed { text += "; it may use node(s) \(mems)" }
        if let other = free.first {
            text += " while \(CauseClassifier.zoneName(other)) has \(other.free_kb) kB free"
        }
        return [text + "."]
    }

    private static func victimAdvice(_ f: Facts) -> [String] {
        guard let killed = f.event.victim, services.contains(where: { killed.comm == $0 }) else { return [] }
        var text = "\(killed.comm) (pid \(killed.pid)) was killed: if this service must survive, lower its "
            + "oom_score_adj (systemd OOMScoreAdjust=-500, or /proc/\(killed.pid)/oom_score_adj)"
        if let next = f.victim?.ranking.first(where: { $0.pid != killed.pid && $0.pid != f.victim?.selected_pid }) {
            text += " so that the kernel picks the next candidate, \(next.name) (pid \(next.pid))"
        }
        return [text + "; that only moves the kill elsewhere unless memory use also goes down."]
    }
}
