/// A kind of process that appears in OOM task tables: its name, owner, OOM adjustment, cgroup and typical size.
struct ProcessTemplate: Sendable {
    /// The task name as the kernel prints it (at most 15 characters; may contain spaces).
    var name: String
    var uid: Int
    var oomScoreAdj: Int
    /// Resident set size range, in pages.
    var residentPages: ClosedRange<Int>
    /// The cgroup printed as `task_memcg=` when this process is the victim.
    var cgroup: String
    /// How many copies a table holds (for example several nginx workers).
    var copies: ClosedRange<Int> = 1...1
}
