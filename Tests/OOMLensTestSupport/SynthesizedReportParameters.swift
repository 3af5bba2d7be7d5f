/// Everything a synthesised OOM-killer report says: the era's formats are chosen by `era`, the numbers and names
/// come from here.
///
/// ``SynthesizedParameterGenerator`` makes consistent random values for any era; tests and sample writers may
/// also fill this in by hand.
public struct SynthesizedReportParameters: Sendable, Equatable {
    public var era: SynthesizedKernelEra
    /// The host name the log prefix carries (not part of the kernel text).
    public var host: String
    /// The release the CPU or Pid line prints.
    public var kernelRelease: String
    /// `Hardware name:` (3.10+).
    public var hardwareName: String
    public var trigger: SynthesizedTrigger
    /// The cpuset line's cgroup name (2.6.29–4.20) and the summary line's `cpuset=` (5.0+).
    public var cpuset: String
    public var memsAllowed: String
    /// Number of CPUs that the per-CPU pageset lines list (up to 3.x).
    public var cpuCount: Int
    public var pageSizeKB: Int64
    /// Zones in print order (node by node, lowest zone first).
    public var zones: [SynthesizedZone]
    public var swapTotalKB: Int64
    public var swapFreeKB: Int64
    public var swapCachePages: Int64
    public var pageCachePages: Int64
    /// RAM pages (`N pages RAM`) and reserved pages (`N pages reserved`).
    public var ramPages: Int64
    public var reservedPages: Int64
    public var highMemPages: Int64
    /// Rows of the task table, in print order.
    public var tasks: [SynthesizedTask]
    /// False for the vm.oom_dump_tasks=0 case (no table).
    public var includeTaskTable: Bool
    /// The `Kill process` line (eras up to 5.0).
    public var selection: SynthesizedKillSelection
    public var victim: SynthesizedVictim
    /// The victim's cgroup in the 5.x+ `oom-kill:` line of a global OOM (`task_memcg=`).
    public var victimCgroup: String
    public var memcg: SynthesizedMemcg?
    /// False for a truncated report: no selection, summary, Killed or reaper line.
    public var includeKillLines: Bool
    /// `oom_reaper: reaped process …` after the kill (4.6+ eras).
    public var includeReaperLine: Bool

    public init(era: SynthesizedKernelEra, host: String, kernelRelease: String? = nil,
                hardwareName: String = "QEMU Standard PC (i440FX + PIIX, 1996), BIOS 1.16.2-debian-1.16.2-1 04/01/2014",
                trigger: SynthesizedTrigger, cpuset: String = "/", memsAllowed: String = "0", cpuCount: Int = 2,
                pageSizeKB: Int64 = 4, zones: [SynthesizedZone], swapTotalKB: Int64 = 0, swapFreeKB: Int64 = 0,
                swapCachePages: Int64 = 0, pageCachePages: Int64 = 1024, ramPages: Int64, reservedPages: Int64,
                highMemPages: Int64 = 0, tasks: [SynthesizedTask], includeTaskTable: Bool = true,
                selection: SynthesizedKillSelection, victim: SynthesizedVictim,
                victimCgroup: String = "/system.slice", memcg: SynthesizedMemcg? = nil,
                includeKillLines: Bool = true, includeReaperLine: Bool = true) {
        self.era = era
        self.host = host
        self.kernelRelease = kernelRelease ?? era.defaultRelease
        self.hardwareName = hardwareName
        self.trigger = trigger
        self.cpuset = cpuset
        self.memsAllowed = memsAllowed
        self.cpuCount = cpuCount
        self.pageSizeKB = pageSizeKB
        self.zones = zones
        self.swapTotalKB = swapTotalKB
        self.swapFreeKB = swapFreeKB
        self.swapCachePages = swapCachePages
        self.pageCachePages = pageCachePages
        self.ramPages = ramPages
        self.reservedPages = reservedPages
        self.highMemPages = highMemPages
        self.tasks = tasks
        self.includeTaskTable = includeTaskTable
        self.selection = selection
        self.victim = victim
        self.victimCgroup = victimCgroup
        self.memcg = memcg
        self.includeKillLines = includeKillLines
        self.includeReaperLine = includeReaperLine
    }

    /// True when the report prints a task table: the era has one (2.6.18 has none) and it was asked for.
    public var printsTaskTable: Bool { includeTaskTable && era != .linux2_6_18 }

    /// True when the report prints an `oom_reaper:` line.
    public var printsReaperLine: Bool { includeKillLines && includeReaperLine && era.hasOOMReaper }
}
