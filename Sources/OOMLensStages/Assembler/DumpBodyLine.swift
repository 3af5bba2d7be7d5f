import OOMLensCore

/// Recognises the lines that can follow a Mem-Info dump or an allocation-failure warning, so a report with no
/// kill line to end it ends at the first line that is none of them.
enum DumpBodyLine {
    static func matches(_ m: UnsafeRawBufferPointer, continuation: Bool) -> Bool {
        if continuation { return true }  // indented: trace frames, counter continuations
        guard m.count > 0 else { return true }
        let c = m[0]
        if c >= 0x30 && c <= 0x39 { return true }  // "1234 total pagecache pages", "N pages RAM"
        if c == 0x5B || c == 0x3C || c == 0x3F { return true }  // "[<ffff…>]", "[ pid ]", "<TASK>", "? func"
        for p in prefixes where ByteMatch.hasPrefix(m, p) { return true }
        if ByteMatch.contains(m, " cpuset=") { return true }
        // "func+0x1a/0x2b" frames of 4.10+ traces printed without indentation.
        if let plus = ByteMatch.firstIndex(of: "+0x", in: m), ByteMatch.firstIndex(of: "/0x", in: m, from: plus) != nil {
            return true
        }
        return false
    }

    private static let prefixes: [StaticString] = [
        "Mem-Info:", "Mem-info:", "Node ", "DMA", "Normal", "HighMem", "Movable", "lowmem_reserve[]", "protections[]",
        "active_anon:", "active_file:", "inactive_", "isolated_", "unevictable:", "dirty:", "writeback:",
        "slab_", "mapped:", "shmem:", "pagetables:", "sec_pagetables:", "bounce:", "kernel_misc_reclaimable:",
        "free:", "free_pcp:", "free_cma:", "CPU", "Hardware name:", "Call Trace:", "Call trace:", "Backtrace:",
        "RIP:", "RSP:", "RAX:", "RDX:", "RBP:", "R10:", "R13:", "Code:", "Workqueue:", "Swap cache", "Free swap",
        "Total swap", "Unreclaimable slab", "Name ", "Tasks state", "Pid:", "Mem-", "warn_alloc", "dump_stack",
        "Free pages", "Active:", "mems_allowed", "cpuset=", "hugepages", "Quicklists", "Hugepages", "SLUB: ",
        "  cache:", "cache:", "pgtables", "COMPACTION", "Out of memory", "oom-", "oom_", "Killed process",
        "Memory cgroup", "Task in ", "memory:", "memory+swap:", "kmem:", "swap:", "Tainted:", "Stack:",
        "Modules linked in", "Pid ", "Normal:", "DMA:", "DMA32:", "HighMem:", "Movable:", "[ pid ]",
        "Kernel panic", "---[ end trace", "Kill process", " ",
    ]
}
