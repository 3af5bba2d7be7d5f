/// The format family of a synthesised OOM-killer report: which kernel's printk formats the report is written in.
///
/// Each case follows kernel-oom-report-format.md (the shared format reference) for one era. The raw values are
/// the names the tests print.
public enum SynthesizedKernelEra: String, CaseIterable, Sendable, CustomStringConvertible {
    /// 2.6.18 (RHEL 5 style, x86_64): `oom-killer: gfp_mask=0x201d2, order=0` with no task name, `Mem-info:`
    /// with hot/cold per-CPU lines, `Free pages:`, all four fixed zones (empty ones too), no task table,
    /// `Out of Memory: Kill process … and children.` and `Out of memory: Killed process N (x).`.
    case linux2_6_18 = "2.6.18"
    /// 2.6.19–2.6.31, written as 2.6.30 on 32-bit x86: `oomkilladj=`, cpuset line, `Pid: N, comm:` line,
    /// `Active_anon:` counters, `cpu oom_adj` task table, `kill process … or a child`, bare `Killed process N (x)`.
    case linux2_6_19to31 = "2.6.19-2.6.31"
    /// RHEL 6's 2.6.32: `oom_adj=, oom_score_adj=`, `Pid: N, comm:`, per-CPU pagesets, the 2.6.36 task table,
    /// `Kill process … or sacrifice child` and `Killed process N, UID U, (x) total-vm:…`.
    case rhel6_2_6_32 = "2.6.32-rhel6"
    /// 3.10/3.14: `oom_score_adj=` only, `CPU: N PID: N Comm:`, per-CPU pagesets, `managed:`, migrate-type letters
    /// `(UEMR)`, hugepages line, `nr_ptes swapents` task table, `Killed process N (x) total-vm:…, file-rss:…kB`.
    case linux3_10 = "3.10"
    /// 4.8: `gfp_mask=0x…(GFP_…)`, `Node N` counter line, `(UMEH)` letters, `nr_pmds` column, `shmem-rss:` and
    /// an `oom_reaper:` line.
    case linux4_8 = "4.8"
    /// 4.19: `nodemask=(null)` in the trigger line, call trace without addresses, `Tasks state (memory values in
    /// pages):` and the `pgtables_bytes` column.
    case linux4_19 = "4.19"
    /// 6.1: no cpuset line, `<TASK>` trace, `boost:` and `reserved_highatomic:` in zone lines, the `oom-kill:`
    /// summary, `Out of memory: Killed process … UID:… pgtables:…kB oom_score_adj:…` and no Kill-process line.
    case linux6_1 = "6.1"
    /// A cgroup-v1 memory-cgroup OOM on 4.14: `Task in … killed as a result of limit of …`, `memory:`,
    /// `memory+swap:`, `kmem:`, one-line `Memory cgroup stats for …: cache:…KB …`, no Mem-Info block, and
    /// `Memory cgroup out of memory: Kill process …`.
    case memcgV1 = "memcg-v1-4.14"
    /// A cgroup-v2 memory-cgroup OOM on 6.1: `memory:` and `swap:` lines, the multi-line memory.stat dump,
    /// `oom-kill:constraint=CONSTRAINT_MEMCG,…,oom_memcg=…,task_memcg=…` and
    /// `Memory cgroup out of memory: Killed process …`.
    case memcgV2 = "memcg-v2-6.1"

    public var description: String { rawValue }

    /// The kernel release the CPU or Pid line prints by default.
    public var defaultRelease: String {
        switch self {
        case .linux2_6_18: "2.6.18-419.el5"
        case .linux2_6_19to31: "2.6.30-2-686"
        case .rhel6_2_6_32: "2.6.32-642.11.1.el6.x86_64"
        case .linux3_10: "3.10.0-1160.el7.x86_64"
        case .linux4_8: "4.8.0-2-amd64"
        case .linux4_19: "4.19.0-16-amd64"
        case .linux6_1: "6.1.0-18-amd64"
        case .memcgV1: "4.14.35-1902.el7uek.x86_64"
        case .memcgV2: "6.1.0-18-amd64"
        }
    }

    /// True for the memory-cgroup OOM eras.
    public var isMemcg: Bool { self == .memcgV1 || self == .memcgV2 }

    /// True when the report has a `Kill process N (x) score S` selection line (kernels up to 5.0).
    public var printsSelectionLine: Bool {
        switch self {
        case .linux6_1, .memcgV2: false
        default: true
        }
    }

    /// True when the kernel prints an `oom_reaper:` line after the kill (4.6+).
    public var hasOOMReaper: Bool {
        switch self {
        case .linux4_8, .linux4_19, .linux6_1, .memcgV1, .memcgV2: true
        default: false
        }
    }

    /// True when the trigger line carries the GFP flag names in brackets (4.6+).
    public var printsGFPFlagNames: Bool {
        switch self {
        case .linux4_8, .linux4_19, .linux6_1, .memcgV1, .memcgV2: true
        default: false
        }
    }

    /// True when the buddy lines carry migrate-type letters (3.6+).
    public var printsMigrateTypes: Bool {
        switch self {
        case .linux2_6_18, .linux2_6_19to31, .rhel6_2_6_32, .memcgV1, .memcgV2: false
        default: true
        }
    }

    /// The migrate-type letters this era prints, in the kernel's enum order (3.x: U E M R; 4.4+: U M E H).
    public var migrateTypeLetters: [Character] {
        self == .linux3_10 ? ["U", "E", "M", "R"] : ["U", "M", "E", "H"]
    }

    /// True when the zone lines end with `all_unreclaimable? yes|no` (up to 4.7; later it is on the node line).
    public var zoneLineHasAllUnreclaimable: Bool {
        switch self {
        case .linux2_6_18, .linux2_6_19to31, .rhel6_2_6_32, .linux3_10: true
        default: false
        }
    }

    /// True when zone lines print `managed:` (3.8+).
    public var zoneLineHasManaged: Bool {
        switch self {
        case .linux2_6_18, .linux2_6_19to31, .rhel6_2_6_32: false
        default: true
        }
    }
}
