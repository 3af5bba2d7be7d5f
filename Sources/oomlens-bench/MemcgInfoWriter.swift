/// Writes the memory-cgroup block of a cgroup-v2 OOM (docs `kernel-oom-report-format.md` §3): the `memory:`
/// and `swap:` usage lines and the `Memory cgroup stats for …:` dump in memory.stat style (5.3+).
enum MemcgInfoWriter {
    static func append(to block: inout KernelMessageBlock, host: HostProfile, cgroup: String, limitPages: Int,
                       tasks: [TaskRow], random: inout SeededRandom)
    {
        let kernel = host.kernel
        block.line { text in
            text.append("memory: usage ")
            text.appendDecimal(limitPages * 4)
            text.append("kB, limit ")
            text.appendDecimal(limitPages * 4)
            text.append("kB, failcnt ")
            text.appendDecimal(random.inRange(1...250_000))
        }
        block.line("swap: usage 0kB, limit 0kB, failcnt 0")
        block.line { text in
            text.append("Memory cgroup stats for ")
            text.append(string: cgroup)
            text.append(":")
        }
        let anonBytes = tasks.reduce(0) { $0 + $1.residentAnonPages } * 4096
        let fileBytes = random.inRange(1...4_000) * 4096
        let kernelStackBytes = random.inRange(20...400) * 16_384
        let pageTableBytes = tasks.reduce(0) { $0 + $1.pageTableBytes }
        let percpuBytes = random.inRange(100...800) * 1024
        let slabReclaimable = random.inRange(100...5_000) * 1024
        let slabUnreclaimable = random.inRange(500...9_000) * 1024
        let pageFaults = random.inRange(100_000...90_000_000)
        let activeAnon = anonBytes / 4096 * random.inRange(1...30) / 100 * 4096
        var stats: [(StaticString, Int)] = [("anon", anonBytes), ("file", fileBytes)]
        if kernel.hasSecondaryPagetables {
            stats.append(("kernel", kernelStackBytes + pageTableBytes + percpuBytes + slabUnreclaimable))
        }
        stats += [("kernel_stack", kernelStackBytes), ("pagetables", pageTableBytes)]
        if kernel.hasSecondaryPagetables { stats.append(("sec_pagetables", 0)) }
        stats += [
            ("percpu", percpuBytes), ("sock", random.below(64) * 4096), ("shmem", random.below(16) * 4096),
            ("file_mapped", fileBytes / 2 / 4096 * 4096), ("file_dirty", 0), ("file_writeback", 0),
            ("swapcached", 0), ("anon_thp", random.below(64) * 2_097_152), ("file_thp", 0), ("shmem_thp", 0),
            ("inactive_anon", anonBytes - activeAnon), ("active_anon", activeAnon),
            ("inactive_file", fileBytes / 2 / 4096 * 4096), ("active_file", fileBytes - fileBytes / 2 / 4096 * 4096),
            ("unevictable", 0), ("slab_reclaimable", slabReclaimable), ("slab_unreclaimable", slabUnreclaimable),
            ("slab", slabReclaimable + slabUnreclaimable), ("workingset_refault_anon", 0),
            ("workingset_refault_file", random.below(90_000)), ("workingset_activate_anon", 0),
            ("workingset_activate_file", random.below(20_000)), ("workingset_restore_anon", 0),
            ("workingset_restore_file", random.below(9_000)), ("workingset_nodereclaim", 0),
            ("pgfault", pageFaults), ("pgmajfault", pageFaults / random.inRange(200...5_000)),
            ("pgrefill", random.below(200_000)), ("pgscan", random.below(900_000)), ("pgsteal", random.below(400_000)),
            ("pgactivate", random.below(800_000)), ("pgdeactivate", random.below(200_000)), ("pglazyfree", 0),
            ("pglazyfreed", 0), ("thp_fault_alloc", random.below(500)), ("thp_collapse_alloc", random.below(20)),
        ]
        for (index, stat) in stats.enumerated() {
            let write: (inout TextBuffer) -> Void = { text in
                text.append(stat.0)
                text.append(" ")
                text.appendDecimal(stat.1)
            }
            if index == 0 { block.line(write) } else { block.continuation(write) }
        }
    }
}
