/// One row of a synthesised task table (memory values in pages, page-table size in bytes).
public struct SynthesizedTask: Sendable, Equatable {
    public var pid: Int
    public var uid: Int
    public var tgid: Int
    public var totalVMPages: Int64
    public var rssPages: Int64
    /// Page-table pages: printed as `nr_ptes` (3.8–4.14) or, times the page size, as `pgtables_bytes` (4.15+).
    public var pageTablePages: Int64
    /// `nr_pmds` (4.1–4.14).
    public var pmdPages: Int64
    public var swapents: Int64
    public var oomScoreAdj: Int
    /// `oom_adj` (2.6.25–3.5 tables).
    public var oomAdj: Int
    /// The `cpu` column (2.6.25–3.5 tables).
    public var cpu: Int
    /// The task name, the rest of the row (may hold spaces, parentheses and colons).
    public var name: String

    public init(pid: Int, uid: Int, tgid: Int? = nil, totalVMPages: Int64, rssPages: Int64, pageTablePages: Int64,
                pmdPages: Int64 = 3, swapents: Int64 = 0, oomScoreAdj: Int = 0, oomAdj: Int = 0, cpu: Int = 0,
                name: String) {
        self.pid = pid
        self.uid = uid
        self.tgid = tgid ?? pid
        self.totalVMPages = totalVMPages
        self.rssPages = rssPages
        self.pageTablePages = pageTablePages
        self.pmdPages = pmdPages
        self.swapents = swapents
        self.oomScoreAdj = oomScoreAdj
        self.oomAdj = oomAdj
        self.cpu = cpu
        self.name = name
    }
}
