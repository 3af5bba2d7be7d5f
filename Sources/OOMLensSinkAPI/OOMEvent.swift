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
        public init(name: String, pid: Int?, rss_kb: Int64) {
            self.name = name
            self.pid = pid
            self.rss_kb = rss_kb
        }
    }
}
