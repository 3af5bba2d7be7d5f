/// One assembled OOM-killer report (or allocation failure / memory dump), as every sink receives it.
///
/// Field names follow `docs/event-schema.md` of the shared docs: sinks and users depend on them, so fields
/// may be added but never renamed. A value the report does not show stays `nil` and is left out of JSON.
public struct OOMEvent: Codable, Sendable, Equatable {
    /// Stable id of the report: the same input always gives the same id.
    public var id: String
    /// `oom`, `allocation-failure` or `memory-dump`.
    public var kind: Kind
    /// True when the header through the kill line were all seen.
    public var complete: Bool
    public var host: String?
    /// RFC 3339 time of the first line, from the log prefix.
    public var time: String?
    /// Kernel timestamp `[seconds.micros]` of the first line.
    public var uptime_s: Double?
    public var source: Source
    public var kernel: Kernel
    public var trigger: Trigger?
    public var constraint: String?
    public var memcg: Memcg?
    /// Global Mem-Info counters by the kernel's names, in pages.
    public var meminfo: [String: Int64]?
    /// The per-node lines of the Mem-Info block (`Node N active_anon:…kB …`, 4.8+).
    public var nodes: [NodeStats]?
    public var zones: [Zone]
    public var swap: Swap?
    /// The `N pages X` lines: `ram`, `highmem`, `reserved`, `cma_reserved`, …
    public var pages: [String: Int64]?
    /// The `Node N hugepages_total=… hugepages_size=…kB` lines, one per node and huge page size.
    public var hugepages: [HugePages]?
    /// The caches listed after `Unreclaimable slab info:` (4.15+).
    public var unreclaimable_slab: [SlabCache]?
    public var tasks: [Task]
    public var kill: Kill?
    /// The message before the kill line's `Kill process`/`Killed process`: `Out of memory`,
    /// `Memory cgroup out of memory`, `Out of memory (oom_kill_allocating_task)`, `No available memory …`.
    public var kill_message: String?
    public var victim: Victim?
    public var group_kills: [Victim]?
    public var reaped: Victim?
    /// How the report ended: `killed`, `no-killable-process`, `victim-already-exiting`, `request-ignored`,
    /// `panic-on-oom` or `panic` (another `Kernel panic` line, e.g. "System is deadlocked on memory").
    public var outcome: String?
    public var diagnosis: Diagnosis?
    public var raw: [String]?

    public init(id: String, kind: Kind, complete: Bool, source: Source) {
        self.id = id
        self.kind = kind
        self.complete = complete
        self.source = source
        self.kernel = Kernel()
        self.zones = []
        self.tasks = []
    }

    /// What the report is.
    public enum Kind: String, Codable, Sendable {
        case oom
        case allocationFailure = "allocation-failure"
        case memoryDump = "memory-dump"
    }

    /// Where the report was read.
    public struct Source: Codable, Sendable, Equatable {
        /// The path as the user gave it, or `-` for standard input.
        public var path: String
        /// 1-based line numbers in the decompressed stream.
        public var first_line: Int
        public var last_line: Int
        public init(path: String, first_line: Int, last_line: Int) {
            self.path = path
            self.first_line = first_line
            self.last_line = last_line
        }
    }

    /// Kernel release and the format family detected from the report's content.
    public struct Kernel: Codable, Sendable, Equatable {
        public var release: String?
        public var era: String?
        public init(release: String? = nil, era: String? = nil) {
            self.release = release
            self.era = era
        }
    }

    /// The `invoked oom-killer` line and its companions (cpuset line, CPU line).
    public struct Trigger: Codable, Sendable, Equatable {
        public var comm: String?
        public var pid: Int?
        public var uid: Int?
        public var gfp_mask: String?
        public var gfp_flags: [String]?
        /// Flags exactly as the kernel printed them in brackets, when it did.
        public var gfp_flags_printed: [String]?
        public var order: Int?
        public var oom_score_adj: Int?
        public var oom_adj: Int?
        public var oomkilladj: Int?
        public var nodemask: String?
        public var cpuset: String?
        public var mems_allowed: String?
        public init() {}
    }

    /// A `usage …kB, limit …kB, failcnt N` line of a memory cgroup.
    public struct CounterUsage: Codable, Sendable, Equatable {
        public var usage_kb: Int64
        public var limit_kb: Int64
        public var failcnt: Int64
        public init(usage_kb: Int64, limit_kb: Int64, failcnt: Int64) {
            self.usage_kb = usage_kb
            self.limit_kb = limit_kb
            self.failcnt = failcnt
        }
    }

    /// Memory-cgroup facts of a memcg OOM.
    public struct Memcg: Codable, Sendable, Equatable {
        public var oom_cgroup: String?
        public var task_cgroup: String?
        public var usage_kb: Int64?
        public var limit_kb: Int64?
        public var failcnt: Int64?
        public var swap: CounterUsage?
        public var memsw: CounterUsage?
        public var kmem: CounterUsage?
        /// `Memory cgroup stats`: the one-line (v1, 3.9–5.2) form's `name:NKB` values as `name_kb`, summed over
        /// the subtree's lines; the multi-line memory.stat form (5.3+) as printed (bytes, or counts for events).
        public var stats: [String: Int64]?
        public init() {}
    }

    /// Free-area (buddy) counts of one zone.
    public struct Buddy: Codable, Sendable, Equatable {
        public var page_kb: Int64?
        public var counts: [Int64]
        public var types: [String?]?
        public var total_kb: Int64?
        /// Set when the printed total differs from the sum of the counts.
        public var total_mismatch: Bool?
        /// Set when the kernel printed `<Zone>: empty` (an unpopulated zone, 2.6.18).
        public var empty: Bool?
        public init(page_kb: Int64? = nil, counts: [Int64] = [], types: [String?]? = nil, total_kb: Int64? = nil) {
            self.page_kb = page_kb
            self.counts = counts
            self.types = types
            self.total_kb = total_kb
        }
    }

    /// One zone line of the Mem-Info block. Every `name:NkB` field beyond the named ones is in `fields_kb`
    /// and is written to JSON flat, as `name_kb`.
    public struct Zone: Sendable, Equatable {
        public var node: Int?
        public var zone: String
        public var free_kb: Int64?
        public var min_kb: Int64?
        public var low_kb: Int64?
        public var high_kb: Int64?
        public var present_kb: Int64?
        public var managed_kb: Int64?
        public var all_unreclaimable: Bool?
        public var lowmem_reserve_pages: [Int64]?
        public var buddy: Buddy?
        /// The other `name:NkB` fields, keyed by the kernel's name without a suffix.
        public var fields_kb: [String: Int64]
        /// Non-kB numeric fields such as `pages_scanned`.
        public var fields: [String: Int64]
        public init(node: Int?, zone: String) {
            self.node = node
            self.zone = zone
            self.fields_kb = [:]
            self.fields = [:]
        }
    }

    /// One `Node N …` line of the Mem-Info block: the node's counters (4.8+).
    public struct NodeStats: Codable, Sendable, Equatable {
        public var node: Int
        /// The `name:NkB` fields, keyed by the kernel's name without a suffix.
        public var fields_kb: [String: Int64]
        /// Fields printed without a unit, such as `pages_scanned` (4.8–4.13).
        public var fields: [String: Int64]?
        public var all_unreclaimable: Bool?
        public init(node: Int) {
            self.node = node
            self.fields_kb = [:]
        }
    }

    /// One `Node N hugepages_total=… hugepages_free=… hugepages_surp=… hugepages_size=…kB` line.
    public struct HugePages: Codable, Sendable, Equatable {
        public var node: Int?
        public var total: Int64?
        public var free: Int64?
        public var surp: Int64?
        public var size_kb: Int64?
        public init(node: Int?) {
            self.node = node
        }
    }

    /// One row after `Unreclaimable slab info:`: a slab cache and its size.
    public struct SlabCache: Codable, Sendable, Equatable {
        public var name: String
        public var used_kb: Int64
        public var total_kb: Int64
        public init(name: String, used_kb: Int64, total_kb: Int64) {
            self.name = name
            self.used_kb = used_kb
            self.total_kb = total_kb
        }
    }

    /// `Total swap`, `Free swap`, swap cache.
    public struct Swap: Codable, Sendable, Equatable {
        public var total_kb: Int64?
        public var free_kb: Int64?
        public var cache_pages: Int64?
        public init() {}
    }

    /// A row of the task table.
    public struct Task: Codable, Sendable, Equatable {
        public var pid: Int
        public var uid: Int?
        public var tgid: Int?
        public var total_vm_pages: Int64?
        public var rss_pages: Int64?
        public var rss_anon_pages: Int64?
        public var rss_file_pages: Int64?
        public var rss_shmem_pages: Int64?
        public var nr_ptes: Int64?
        public var nr_pmds: Int64?
        public var pgtables_bytes: Int64?
        public var swapents: Int64?
        public var oom_score_adj: Int?
        public var oom_adj: Int?
        public var cpu: Int?
        public var name: String
        public init(pid: Int, name: String) {
            self.pid = pid
            self.name = name
        }
    }

    /// The selection line "Kill process N (x) score S".
    public struct Kill: Codable, Sendable, Equatable {
        public var pid: Int
        public var comm: String
        public var score: Int?
        public init(pid: Int, comm: String, score: Int? = nil) {
            self.pid = pid
            self.comm = comm
            self.score = score
        }
    }

    /// A "Killed process" (or `oom_reaper:`) line.
    public struct Victim: Codable, Sendable, Equatable {
        public var pid: Int
        public var comm: String
        public var uid: Int?
        public var total_vm_kb: Int64?
        public var anon_rss_kb: Int64?
        public var file_rss_kb: Int64?
        public var shmem_rss_kb: Int64?
        public var pgtables_kb: Int64?
        public var oom_score_adj: Int?
        /// The victim's memory cgroup, from `task_memcg=` of the `oom-kill:` line (5.0+), for global OOMs too.
        public var cgroup: String?
        public init(pid: Int, comm: String) {
            self.pid = pid
            self.comm = comm
        }
    }

    /// The explanation: why it happened and who used the memory.
    public struct Diagnosis: Codable, Sendable, Equatable {
        public var cause: String
        public var failed_zones: [ZoneCheck]
        public var summary: String
        public var advice: [String]
        public var top_consumers: [Consumer]
        public var unexplained_kb: Int64?
        /// The GFP bit layout family the mask was decoded with (kernel-oom-report-format.md §7.1), e.g.
        /// `D (2.6.31-4.3)`.
        public var gfp_layout: String?
        /// Where the flag names the kernel printed and the decoding of the mask disagree, one note each.
        public var gfp_disagreements: [String]?
        /// The zone types the allocation may use, highest first (§7.4).
        public var allowed_zones: [String]?
        /// The NUMA node where the allocation ran short: the first node with an allowed zone below its min
        /// watermark (nil on kernels that print no node numbers).
        public var node: Int?
        /// True when an allowed zone had the free pages but not in blocks of the allocation's order; false when
        /// the zones had free blocks of that order; nil when the report does not tell.
        public var fragmented: Bool?
        /// Where the memory went: RAM (or the memory cgroup's usage) split by the report's counters.
        public var accounting: Accounting?
        /// The largest consumers with the task-table rows of the same name summed.
        public var top_consumers_by_name: [Consumer]?
        /// Why this victim: the badness of every task-table row recomputed with the era's formula.
        public var victim: VictimAnalysis?
        public init(cause: String, summary: String) {
            self.cause = cause
            self.summary = summary
            self.failed_zones = []
            self.advice = []
            self.top_consumers = []
        }
    }

    /// One zone's watermark check with its numbers.
    public struct ZoneCheck: Codable, Sendable, Equatable {
        public var node: Int?
        public var zone: String
        public var passed: Bool
        public var free_kb: Int64
        public var usable_free_kb: Int64
        public var min_kb: Int64
        public var reserve_kb: Int64
        public var reason: String
        /// `below-min`, `below-reserve` (above min, not above min + lowmem_reserve), `below-high` (passed min,
        /// failed the high watermark of the last attempt), `fragmented`, `ok` or `not-allowed`.
        public var verdict: String?
        public var low_kb: Int64?
        public var high_kb: Int64?
        /// The watermark after the allocation's flags lowered it (ALLOC_HIGH, ALLOC_HARDER, …), when they did.
        public var effective_min_kb: Int64?
        /// `lowmem_reserve[classzone]` in pages (`reserve_kb` is the same in kB).
        public var reserve_pages: Int64?
        /// The zone whose index selects the `lowmem_reserve` entry: the highest zone the allocation may use.
        public var classzone: String?
        public var order: Int?
        /// False for a zone the allocation may not use (above its highest zone, or on a node it may not use).
        public var allowed: Bool?
        /// Free memory in blocks of the allocation's order or larger, from the buddy line (kB).
        public var free_at_order_kb: Int64?
        public var all_unreclaimable: Bool?
        public init(node: Int?, zone: String, passed: Bool, free_kb: Int64, usable_free_kb: Int64, min_kb: Int64,
                    reserve_kb: Int64, reason: String) {
            self.node = node
            self.zone = zone
            self.passed = passed
            self.free_kb = free_kb
            self.usable_free_kb = usable_free_kb
            self.min_kb = min_kb
            self.reserve_kb = reserve_kb
            self.reason = reason
        }
    }

    /// A process (or a name summed over processes) and its memory.
    public struct Consumer: Codable, Sendable, Equatable {
        public var name: String
        public var pid: Int?
        public var rss_kb: Int64
        public var swap_kb: Int64?
        public var share_of_ram: Double?
        /// The number of task-table rows summed (per-name entries).
        public var processes: Int?
        /// Share of the memory cgroup's limit (memcg OOMs).
        public var share_of_limit: Double?
        public init(name: String, pid: Int?, rss_kb: Int64) {
            self.name = name
            self.pid = pid
            self.rss_kb = rss_kb
        }
    }

    /// Where the memory went, in kB, from the report's counters: the machine's RAM (Mem-Info) or a memory
    /// cgroup's usage (its stats). The parts do not overlap; `unexplained_kb` of the diagnosis is what is left.
    public struct Accounting: Codable, Sendable, Equatable {
        /// `system` (RAM, from the Mem-Info block) or `memcg` (the cgroup's usage, from its stats).
        public var scope: String
        /// RAM (`N pages RAM`), or the memory cgroup's usage.
        public var total_kb: Int64
        /// RAM the kernel took at boot (present minus managed pages): never available to the allocator.
        public var reserved_kb: Int64?
        /// Free pages, including the per-CPU lists (`free_pcp`).
        public var free_kb: Int64?
        /// Anonymous memory of processes (anon LRU minus shmem and swap cache).
        public var anon_kb: Int64?
        /// File pages (file LRU), without shmem and swap cache.
        public var page_cache_kb: Int64?
        /// shmem and tmpfs (also SysV shared memory and shared anonymous mappings).
        public var shmem_kb: Int64?
        public var swap_cache_kb: Int64?
        /// Unevictable LRU (mlocked pages, ramfs).
        public var unevictable_kb: Int64?
        /// All LRU pages where the report does not split anon and file (2.6.18-2.6.27).
        public var lru_kb: Int64?
        public var slab_reclaimable_kb: Int64?
        /// Unreclaimable slab; all slab on kernels that do not split it (up to 2.6.31).
        public var slab_unreclaimable_kb: Int64?
        public var page_tables_kb: Int64?
        public var kernel_stack_kb: Int64?
        /// Other kernel memory a memory cgroup is charged for (percpu, sockets, vmalloc).
        public var kernel_other_kb: Int64?
        /// The huge page pools (`hugepages_total` × `hugepages_size`), used or not.
        public var hugepages_kb: Int64?
        /// The sum of the task table's RSS; it overlaps page cache and shmem, so it is not part of the sum.
        public var rss_sum_kb: Int64?
        public var swap_total_kb: Int64?
        public var swap_used_kb: Int64?
        /// The memory cgroup's limit.
        public var limit_kb: Int64?
        /// The sum of the parts above (`rss_sum_kb`, swap and limit excluded).
        public var explained_kb: Int64
        public init(scope: String, total_kb: Int64, explained_kb: Int64 = 0) {
            self.scope = scope
            self.total_kb = total_kb
            self.explained_kb = explained_kb
        }
    }

    /// "Why this victim": every eligible task-table row scored with the badness formula of the report's era.
    public struct VictimAnalysis: Codable, Sendable, Equatable {
        /// The formula, in words, with the kernels it belongs to.
        public var formula: String
        /// The denominator of the printed score (pages): RAM + swap, the memcg limit (+ swap), or the allowed nodes.
        public var total_pages: Int64?
        /// The highest-scoring rows, highest first.
        public var ranking: [RankedTask]
        /// The pid the kernel selected (the `Kill process` line; else the victim's).
        public var selected_pid: Int?
        /// The pid the kernel killed (the `Killed process` line).
        public var killed_pid: Int?
        /// The pid at the top of the recomputed ranking.
        public var top_pid: Int?
        /// True when the kernel's selection is the top of the recomputed ranking.
        public var agrees: Bool?
        /// The score the kernel printed on the `Kill process` line (up to 5.0).
        public var printed_score: Int?
        /// The recomputed score of the selected row, on the kernel's printed scale.
        public var recomputed_score: Int?
        /// True when the killed pid is not the selected one (the kernel sacrificed a child, up to 5.0).
        public var child_sacrificed: Bool?
        /// The verdict in plain sentences.
        public var explanation: String
        public init(formula: String, explanation: String) {
            self.formula = formula
            self.explanation = explanation
            self.ranking = []
        }
    }

    /// One task-table row as the badness formula scores it.
    public struct RankedTask: Codable, Sendable, Equatable {
        public var rank: Int
        public var pid: Int
        public var name: String
        /// The badness in the kernel's internal unit (pages, or the 2.6 heuristic's unit).
        public var points: Int64
        /// The score on the printed scale (points × 1000 / total pages), for eras that print one.
        public var score: Int64?
        public init(rank: Int, pid: Int, name: String, points: Int64, score: Int64?) {
            self.rank = rank
            self.pid = pid
            self.name = name
            self.points = points
            self.score = score
        }
    }
}
