import OOMLensSinkAPI

/// Memory-cgroup values for the generator's memcg OOMs.
extension SynthesizedParameterGenerator {
    /// Cgroup paths as they appear in real reports (systemd services, Docker, Kubernetes, LXC).
    public static let cgroupPaths = [
        "/system.slice/app.service", "/docker/4a1b2c3d9e8f", "/kubepods/burstable/pod7d9c1e2a/4f1a9c2e7b",
        "/user.slice/user-1000.slice/session-3.scope", "/lxc/39004", "/system.slice/node-app.service",
    ]

    /// The page counter maximum in kB on 64-bit: an unlimited limit.
    public static let unlimitedKB: Int64 = 9_007_199_254_740_988

    mutating func makeMemcgV1(limitKB limit: Int64) -> SynthesizedMemcg {
        let oom = random.pick(Self.cgroupPaths)
        let task = random.chance(30) ? oom + "/worker" : oom
        let kmemUsage = random.int64(in: 200...10_000) * 4
        var lines: [SynthesizedMemcg.StatsLine] = []
        let cgroups = task == oom ? [oom] : [oom, task]
        for (i, cgroup) in cgroups.enumerated() {
            let rss = i == cgroups.count - 1 ? limit - kmemUsage - 4_096 : random.int64(in: 0...512) * 4
            let cache = random.int64(in: 0...512) * 4
            lines.append(SynthesizedMemcg.StatsLine(cgroup: cgroup, valuesKB: [
                .init("cache", cache), .init("rss", rss), .init("rss_huge", 0), .init("shmem", 0),
                .init("mapped_file", cache / 8 * 4), .init("dirty", 0), .init("writeback", 0), .init("swap", 0),
                .init("inactive_anon", 0), .init("active_anon", rss), .init("inactive_file", cache / 12 * 4),
                .init("active_file", cache - cache / 12 * 4), .init("unevictable", 0),
            ]))
        }
        return SynthesizedMemcg(
            oomCgroup: oom, taskCgroup: task,
            memory: OOMEvent.CounterUsage(usage_kb: limit, limit_kb: limit, failcnt: random.int64(in: 1...400_000)),
            memsw: OOMEvent.CounterUsage(usage_kb: limit, limit_kb: random.chance(50) ? limit * 2 : Self.unlimitedKB,
                                         failcnt: 0),
            kmem: OOMEvent.CounterUsage(usage_kb: kmemUsage, limit_kb: Self.unlimitedKB, failcnt: 0),
            statsLines: lines)
    }

    mutating func makeMemcgV2(limitKB: Int64) -> SynthesizedMemcg {
        let oom = random.pick(Self.cgroupPaths)
        let task = random.chance(40) ? oom + "/ns/system.slice/worker.service" : oom
        let anon = (limitKB - random.int64(in: 4_096...20_000)) * 1024
        let file = random.int64(in: 0...4_000) * 4096
        let kernelStack = random.int64(in: 10...300) * 16_384
        let pagetables = random.int64(in: 100...9_000) * 4096
        let stat: [SynthesizedMemcg.Stat] = [
            .init("anon", anon), .init("file", file), .init("kernel", kernelStack + pagetables + 2_097_152),
            .init("kernel_stack", kernelStack), .init("pagetables", pagetables), .init("sec_pagetables", 0),
            .init("percpu", 34_560), .init("sock", 0), .init("vmalloc", 8192), .init("shmem", 0),
            .init("file_mapped", file / 2), .init("file_dirty", 0), .init("file_writeback", 0),
            .init("swapcached", 0), .init("anon_thp", 0), .init("file_thp", 0), .init("shmem_thp", 0),
            .init("inactive_anon", anon - 4096), .init("active_anon", 4096), .init("inactive_file", file / 2),
            .init("active_file", file - file / 2), .init("unevictable", 0), .init("slab_reclaimable", 402_112),
            .init("slab_unreclaimable", 681_984), .init("slab", 1_084_096), .init("workingset_refault_anon", 0),
            .init("workingset_refault_file", random.int64(in: 0...90_000)), .init("workingset_activate_anon", 0),
            .init("workingset_activate_file", 311), .init("workingset_restore_anon", 0),
            .init("workingset_restore_file", 42), .init("workingset_nodereclaim", 0),
            .init("pgscan", random.int64(in: 1_000...900_000)), .init("pgsteal", random.int64(in: 100...90_000)),
            .init("pgfault", random.int64(in: 100_000...90_000_000)), .init("pgmajfault", random.int64(in: 0...9_000)),
            .init("pgrefill", 1_811), .init("pgactivate", 44_012), .init("pgdeactivate", 1_700),
            .init("pglazyfree", 0), .init("pglazyfreed", 0), .init("thp_fault_alloc", 0),
            .init("thp_collapse_alloc", 0),
        ]
        let swapLimit: Int64 = random.chance(50) ? 0 : Self.unlimitedKB
        return SynthesizedMemcg(
            oomCgroup: oom, taskCgroup: task,
            memory: OOMEvent.CounterUsage(usage_kb: limitKB, limit_kb: limitKB, failcnt: random.int64(in: 1...90_000)),
            swap: OOMEvent.CounterUsage(usage_kb: 0, limit_kb: swapLimit, failcnt: 0),
            memoryStat: stat)
    }
}
