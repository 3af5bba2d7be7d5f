import OOMLensSinkAPI

/// The memory-cgroup part of a synthesised memcg OOM.
public struct SynthesizedMemcg: Sendable, Equatable {
    /// One `Memory cgroup stats for <cgroup>: name:NKB …` line of cgroup v1 (one per cgroup of the subtree).
    public struct StatsLine: Sendable, Equatable {
        public var cgroup: String
        /// `(name, kB)` in print order.
        public var valuesKB: [Stat]
        public init(cgroup: String, valuesKB: [Stat]) {
            self.cgroup = cgroup
            self.valuesKB = valuesKB
        }
    }

    /// One named number of a stats dump.
    public struct Stat: Sendable, Equatable {
        public var name: String
        public var value: Int64
        public init(_ name: String, _ value: Int64) {
            self.name = name
            self.value = value
        }
    }

    /// The cgroup whose limit was hit (`limit of …`, `oom_memcg=`).
    public var oomCgroup: String
    /// The victim's cgroup (`Task in …`, `task_memcg=`).
    public var taskCgroup: String
    public var memory: OOMEvent.CounterUsage
    /// `swap:` (cgroup v2).
    public var swap: OOMEvent.CounterUsage?
    /// `memory+swap:` (cgroup v1).
    public var memsw: OOMEvent.CounterUsage?
    /// `kmem:` (cgroup v1).
    public var kmem: OOMEvent.CounterUsage?
    /// cgroup v1: one line per cgroup of the subtree.
    public var statsLines: [StatsLine]
    /// cgroup v2: the memory.stat dump, `name value` per line (bytes, or counts for events).
    public var memoryStat: [Stat]

    public init(oomCgroup: String, taskCgroup: String, memory: OOMEvent.CounterUsage,
                swap: OOMEvent.CounterUsage? = nil, memsw: OOMEvent.CounterUsage? = nil,
                kmem: OOMEvent.CounterUsage? = nil, statsLines: [StatsLine] = [], memoryStat: [Stat] = []) {
        self.oomCgroup = oomCgroup
        self.taskCgroup = taskCgroup
        self.memory = memory
        self.swap = swap
        self.memsw = memsw
        self.kmem = kmem
        self.statsLines = statsLines
        self.memoryStat = memoryStat
    }
}
