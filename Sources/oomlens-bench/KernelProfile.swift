/// How one kernel release prints its OOM-killer report: the version-dependent details of
/// docs `kernel-oom-report-format.md` §2–§6 that the generator reproduces.
struct KernelProfile: Sendable {
    /// `uname -r`, for example `5.15.0-91-generic`.
    var release: String
    /// What follows the release on the CPU line, for example `#101-Ubuntu`.
    var buildTag: String
    /// 6.11+: `CPU: N UID: N PID: N Comm: …`.
    var cpuLineHasUID: Bool
    /// Late 5.x and 6.x: the call trace is wrapped in ` <TASK>` … ` </TASK>`.
    var traceHasTaskMarkers: Bool
    /// Before 5.8: ` unstable:` in the global counters and in the node line.
    var countersHaveUnstable: Bool
    /// 5.15+: a ` kernel_misc_reclaimable:` counter line.
    var countersHaveKernelMiscReclaimable: Bool
    /// 6.1+: `sec_pagetables` in the counters and in the node line.
    var hasSecondaryPagetables: Bool
    /// Before about 5.11: `kernel_stack` and `pagetables` are zone-line keys, not node-line keys.
    var zoneLineHasKernelStack: Bool
    /// About 5.13+: `reserved_highatomic:NKB` after `high:` in zone lines.
    var zoneLineHasReservedHighatomic: Bool
    /// 5.16+: `boost:NkB` between `free:` and `min:` in zone lines.
    var zoneLineHasBoost: Bool
    /// Before 6.0: a `Swap cache stats:` line.
    var printsSwapCacheStats: Bool
    /// 6.8+: `rss_anon rss_file rss_shmem` columns in the task table.
    var taskTableHasRSSBreakdown: Bool
    /// The value of `GFP_HIGHUSER_MOVABLE` in this release's bit layout (§7.1: 0x1100cca in 5.14–5.17).
    var highUserMovableMask: UInt64
    /// The function names at the top of the call trace (`dump_stack+0x6d/0x8b` or `dump_stack_lvl+…`).
    var stackDumpFrames: [String]

    static let ubuntu5_4 = KernelProfile(
        release: "5.4.0-150-generic", buildTag: "#167-Ubuntu", cpuLineHasUID: false, traceHasTaskMarkers: false,
        countersHaveUnstable: true, countersHaveKernelMiscReclaimable: false, hasSecondaryPagetables: false,
        zoneLineHasKernelStack: true, zoneLineHasReservedHighatomic: false, zoneLineHasBoost: false,
        printsSwapCacheStats: true, taskTableHasRSSBreakdown: false, highUserMovableMask: 0x100cca,
        stackDumpFrames: [" dump_stack+0x6d/0x8b", " dump_header+0x4f/0x1eb", " oom_kill_process.cold+0xb/0x10",
                          " out_of_memory+0x1cf/0x4d0"])

    static let ubuntu5_15 = KernelProfile(
        release: "5.15.0-91-generic", buildTag: "#101-Ubuntu", cpuLineHasUID: false, traceHasTaskMarkers: true,
        countersHaveUnstable: false, countersHaveKernelMiscReclaimable: true, hasSecondaryPagetables: false,
        zoneLineHasKernelStack: false, zoneLineHasReservedHighatomic: true, zoneLineHasBoost: false,
        printsSwapCacheStats: true, taskTableHasRSSBreakdown: false, highUserMovableMask: 0x1100cca,
        stackDumpFrames: [" show_stack+0x52/0x5c", " dump_stack_lvl+0x4a/0x63", " dump_stack+0x10/0x16",
                          " dump_header+0x53/0x228", " oom_kill_process.cold+0xb/0x10",
                          " out_of_memory+0x106/0x2e0"])

    static let debian6_1 = KernelProfile(
        release: "6.1.0-18-amd64", buildTag: "#1 Debian 6.1.76-1", cpuLineHasUID: false, traceHasTaskMarkers: true,
        countersHaveUnstable: false, countersHaveKernelMiscReclaimable: true, hasSecondaryPagetables: true,
        zoneLineHasKernelStack: false, zoneLineHasReservedHighatomic: true, zoneLineHasBoost: true,
        printsSwapCacheStats: false, taskTableHasRSSBreakdown: false, highUserMovableMask: 0x100cca,
        stackDumpFrames: [" dump_stack_lvl+0x44/0x5c", " dump_header+0x4a/0x211", " oom_kill_process.cold+0xb/0x10",
                          " out_of_memory+0x1f1/0x520"])

    static let ubuntu6_8 = KernelProfile(
        release: "6.8.0-45-generic", buildTag: "#45-Ubuntu", cpuLineHasUID: false, traceHasTaskMarkers: true,
        countersHaveUnstable: false, countersHaveKernelMiscReclaimable: true, hasSecondaryPagetables: true,
        zoneLineHasKernelStack: false, zoneLineHasReservedHighatomic: true, zoneLineHasBoost: true,
        printsSwapCacheStats: false, taskTableHasRSSBreakdown: true, highUserMovableMask: 0x100cca,
        stackDumpFrames: [" dump_stack_lvl+0x76/0xa0", " dump_stack+0x10/0x20", " dump_header+0x47/0x1f0",
                          " oom_kill_process+0x118/0x280", " out_of_memory+0x246/0x590"])

    static let debian6_12 = KernelProfile(
        release: "6.12.9-amd64", buildTag: "#1 Debian 6.12.9-1", cpuLineHasUID: true, traceHasTaskMarkers: true,
        countersHaveUnstable: false, countersHaveKernelMiscReclaimable: true, hasSecondaryPagetables: true,
        zoneLineHasKernelStack: false, zoneLineHasReservedHighatomic: true, zoneLineHasBoost: true,
        printsSwapCacheStats: false, taskTableHasRSSBreakdown: true, highUserMovableMask: 0x100cca,
        stackDumpFrames: [" dump_stack_lvl+0x5d/0x80", " dump_header+0x43/0x1aa", " oom_kill_process+0x101/0x290",
                          " out_of_memory+0x24b/0x590"])
}
